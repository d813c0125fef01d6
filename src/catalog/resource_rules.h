// The binding rules of the catalog (BRIEF §3 B), checked on every write of a resource. Pure: the
// same resource always gets the same answer. Each broken rule is reported as a field error whose
// reason starts with the rule's name, so a client can tell which rule refused the write:
//
//   grade_covers_items        a resource's grade is at least its highest item grade (就高从严)
//   core_never_opened         core data is never opened
//   core_never_operated       core data is never authorized for operation
//   closed_not_operated       data not opened (不予开放) is not authorized for operation unless an
//                             admin records an override reason
//   identifiers_need_policy   direct personal identifiers are not opened unconditionally without a
//                             de-identification policy
//   conditions_stated         conditional or refused sharing/opening states its conditions or basis
//   licence_for_open          opened data names its licence
//   known_theme, items_present, unique_item_names, classification_path, contact_reachable,
//   temporal_order            well-formedness of the elements
//
// The table in testdata/resource_rules.tsv is the executable record of these rules.
#pragma once

#include <vector>

#include "catalog/resource.h"
#include "catalog/theme.h"
#include "common/status.h"

namespace gongshu {

// Every rule `resource` breaks; empty when it may be stored.
std::vector<FieldError> CheckResourceRules(const Resource& resource, const ThemeTaxonomy& themes);

// The highest sensitivity among the items (general-1 when there are none).
Grade HighestItemGrade(const Resource& resource);

}  // namespace gongshu
