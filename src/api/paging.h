// Cursor paging for list routes: `?cursor=<opaque>&limit=<1..200>`.
//
// A cursor is the store's page key in URL-safe base64; clients treat it as opaque. Lists answer
// {"items": [...], "next_cursor": "..." | null}.
#pragma once

#include <string>

#include "common/status.h"
#include "http/message.h"
#include "identity/identity_store.h"

namespace gongshu {

constexpr int kDefaultPageLimit = 50;
constexpr int kMaxPageLimit = 200;

// The page the request asks for. InvalidArgument naming `cursor` or `limit` when malformed.
Result<PageRequest> PageRequestFrom(const Request& request);

// The opaque cursor for a store page key; empty for an empty key.
std::string EncodeCursor(const std::string& next_key);

}  // namespace gongshu
