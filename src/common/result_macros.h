// GONGSHU_ASSIGN_OR_RETURN(declaration, expr): evaluates `expr` (a Result<T>); on error returns
// its Status from the enclosing function, otherwise declares `declaration` from the value.
//   GONGSHU_ASSIGN_OR_RETURN(Statement select, connection.Prepare(sql));
#pragma once

#include <utility>

#include "common/status.h"

#define GONGSHU_RESULT_CONCAT_INNER(a, b) a##b
#define GONGSHU_RESULT_CONCAT(a, b) GONGSHU_RESULT_CONCAT_INNER(a, b)
#define GONGSHU_ASSIGN_OR_RETURN(declaration, expr)                   \
  auto GONGSHU_RESULT_CONCAT(gongshu_result_, __LINE__) = (expr);     \
  if (!GONGSHU_RESULT_CONCAT(gongshu_result_, __LINE__).ok()) {       \
    return GONGSHU_RESULT_CONCAT(gongshu_result_, __LINE__).status(); \
  }                                                                   \
  declaration = std::move(GONGSHU_RESULT_CONCAT(gongshu_result_, __LINE__)).value()
