#include "registration/registration.h"

#include <algorithm>
#include <utility>

#include "common/enum_names.h"
#include "registration/registration_code.h"

namespace gongshu {
namespace {

constexpr EnumNames<RegistrationType, 4> kTypeNames({{
    {RegistrationType::kInitial, "initial"},
    {RegistrationType::kChange, "change"},
    {RegistrationType::kCorrection, "correction"},
    {RegistrationType::kCancellation, "cancellation"},
}});

constexpr EnumNames<RegistrationState, 7> kStateNames({{
    {RegistrationState::kSubmitted, "submitted"},
    {RegistrationState::kReturned, "returned"},
    {RegistrationState::kAccepted, "accepted"},
    {RegistrationState::kReviewed, "reviewed"},
    {RegistrationState::kPublicity, "publicity"},
    {RegistrationState::kCoded, "coded"},
    {RegistrationState::kRejected, "rejected"},
}});

constexpr EnumNames<ObjectionState, 3> kObjectionStateNames({{
    {ObjectionState::kOpen, "open"},
    {ObjectionState::kUpheld, "upheld"},
    {ObjectionState::kDismissed, "dismissed"},
}});

constexpr EnumNames<ObjectionOutcome, 2> kOutcomeNames({{
    {ObjectionOutcome::kUpheld, "upheld"},
    {ObjectionOutcome::kDismissed, "dismissed"},
}});

// Blank: empty or only ASCII white space. Such text says nothing to the people who read it.
bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char symbol) {
    return symbol == ' ' || symbol == '\t' || symbol == '\n' || symbol == '\r';
  });
}

// One InvalidArgument for all the field errors, or Ok when there are none.
Status FieldErrors(std::vector<FieldError> errors) {
  if (errors.empty()) return Status::Ok();
  std::string message = "invalid " + errors[0].field + ": " + errors[0].reason;
  if (errors.size() > 1) message += " (and " + std::to_string(errors.size() - 1) + " more)";
  return Status::InvalidArgument(std::move(message), std::move(errors));
}

void RequireNonBlank(std::string_view field, std::string_view value,
                     std::vector<FieldError>* errors) {
  if (IsBlank(value)) errors->push_back({std::string(field), "must not be blank"});
}

void CheckMaterials(const RegistrationMaterials& materials, std::vector<FieldError>* errors) {
  RequireNonBlank("resource_name", materials.resource_name, errors);
  RequireNonBlank("resource_summary", materials.resource_summary, errors);
}

// `time` on the China Standard Time wall clock, to the minute: "2025-03-17 23:59".
std::string LocalMinute(TimePoint time) {
  std::string text = FormatIsoTime(time + kChinaStandardTimeOffset).substr(0, 16);
  text[10] = ' ';
  return text;
}

// The Conflict for a transition that does not start from the registration's state.
Status WrongState(const Registration& registration, std::string_view rule) {
  return Status::Conflict(std::string(rule) + "; registration " + registration.id +
                          " is in state " + std::string(RegistrationStateName(registration.state)));
}

// `registration` moved to `to` at `now`, with the transition that records it.
RegistrationUpdate Move(Registration registration, RegistrationState to, TimePoint now,
                        std::string reason = "") {
  Transition transition{registration.state, to, now, "", std::move(reason)};
  registration.state = to;
  ++registration.revision;
  return RegistrationUpdate{std::move(registration), std::move(transition)};
}

}  // namespace

std::string_view RegistrationTypeName(RegistrationType type) { return kTypeNames.Name(type); }
std::optional<RegistrationType> ParseRegistrationType(std::string_view name) {
  return kTypeNames.Parse(name);
}
std::string RegistrationTypeNames() { return kTypeNames.Joined(); }

std::string_view RegistrationStateName(RegistrationState state) { return kStateNames.Name(state); }
std::optional<RegistrationState> ParseRegistrationState(std::string_view name) {
  return kStateNames.Parse(name);
}
std::string RegistrationStateNames() { return kStateNames.Joined(); }

bool IsFinal(RegistrationState state) {
  return state == RegistrationState::kCoded || state == RegistrationState::kRejected;
}

std::string_view ObjectionStateName(ObjectionState state) {
  return kObjectionStateNames.Name(state);
}
std::optional<ObjectionState> ParseObjectionState(std::string_view name) {
  return kObjectionStateNames.Parse(name);
}

std::string_view ObjectionOutcomeName(ObjectionOutcome outcome) {
  return kOutcomeNames.Name(outcome);
}
std::optional<ObjectionOutcome> ParseObjectionOutcome(std::string_view name) {
  return kOutcomeNames.Parse(name);
}

Status CheckRegistrationRules(const RegistrationRules& rules) {
  std::vector<FieldError> errors;
  auto check = [&errors](std::string_view field, int working_days) {
    if (working_days < 1 || working_days > kMaxStepWorkingDays) {
      errors.push_back(
          {std::string(field), "must be from 1 to " + std::to_string(kMaxStepWorkingDays) +
                                   " working days, got " + std::to_string(working_days)});
    }
  };
  check("acceptance_working_days", rules.acceptance_working_days);
  check("review_working_days", rules.review_working_days);
  check("publicity_working_days", rules.publicity_working_days);
  return FieldErrors(std::move(errors));
}

Result<RegistrationUpdate> Submit(const Submission& submission, TimePoint now,
                                  const WorkingCalendar& calendar, const RegistrationRules& rules) {
  std::vector<FieldError> errors;
  RequireNonBlank("id", submission.id, &errors);
  RequireNonBlank("resource_id", submission.resource_id, &errors);
  RequireNonBlank("registrant_organization_id", submission.registrant_organization_id, &errors);
  CheckMaterials(submission.materials, &errors);
  GONGSHU_RETURN_IF_ERROR(FieldErrors(std::move(errors)));
  GONGSHU_RETURN_IF_ERROR(CheckRegistrationRules(rules));

  Registration registration;
  registration.id = submission.id;
  registration.resource_id = submission.resource_id;
  registration.registrant_organization_id = submission.registrant_organization_id;
  registration.type = submission.type;
  registration.materials = submission.materials;
  registration.state = RegistrationState::kSubmitted;
  registration.submitted_at = now;
  registration.deadline = calendar.Deadline(now, rules.acceptance_working_days);
  Transition transition{std::nullopt, RegistrationState::kSubmitted, now, "", ""};
  return RegistrationUpdate{std::move(registration), std::move(transition)};
}

Result<RegistrationUpdate> Accept(const Registration& registration, TimePoint now,
                                  const WorkingCalendar& calendar, const RegistrationRules& rules) {
  if (registration.state != RegistrationState::kSubmitted) {
    return WrongState(registration, "only a submitted registration may be accepted");
  }
  GONGSHU_RETURN_IF_ERROR(CheckRegistrationRules(rules));
  RegistrationUpdate update = Move(registration, RegistrationState::kAccepted, now);
  update.registration.accepted_at = now;
  update.registration.deadline = calendar.Deadline(now, rules.review_working_days);
  return update;
}

Result<RegistrationUpdate> Return(const Registration& registration,
                                  const std::vector<std::string>& missing_items, TimePoint now) {
  if (registration.state != RegistrationState::kSubmitted) {
    return WrongState(registration, "only a submitted registration may be returned");
  }
  if (missing_items.empty()) {
    return Status::InvalidField("missing_items",
                                "the return notice must list at least one missing item");
  }
  std::vector<FieldError> errors;
  for (size_t index = 0; index < missing_items.size(); ++index) {
    RequireNonBlank("missing_items[" + std::to_string(index) + "]", missing_items[index], &errors);
  }
  GONGSHU_RETURN_IF_ERROR(FieldErrors(std::move(errors)));
  if (registration.return_used) {
    return Status::FailedPrecondition(
        "a registration may be returned only once; registration " + registration.id +
        " was returned before, so the notice had to list everything missing");
  }

  std::string reason = "missing: ";
  for (size_t index = 0; index < missing_items.size(); ++index) {
    if (index > 0) reason += "; ";
    reason += missing_items[index];
  }
  RegistrationUpdate update =
      Move(registration, RegistrationState::kReturned, now, std::move(reason));
  update.registration.returned_at = now;
  update.registration.return_notice = missing_items;
  update.registration.return_used = true;
  update.registration.deadline = std::nullopt;
  return update;
}

Result<RegistrationUpdate> Resubmit(const Registration& registration,
                                    const RegistrationMaterials& materials, TimePoint now,
                                    const WorkingCalendar& calendar,
                                    const RegistrationRules& rules) {
  if (registration.state != RegistrationState::kReturned) {
    return WrongState(registration, "only a returned registration may be resubmitted");
  }
  std::vector<FieldError> errors;
  CheckMaterials(materials, &errors);
  GONGSHU_RETURN_IF_ERROR(FieldErrors(std::move(errors)));
  GONGSHU_RETURN_IF_ERROR(CheckRegistrationRules(rules));
  RegistrationUpdate update = Move(registration, RegistrationState::kSubmitted, now);
  update.registration.materials = materials;
  update.registration.resubmitted_at = now;
  // The acceptance clock starts again from the resubmission.
  update.registration.deadline = calendar.Deadline(now, rules.acceptance_working_days);
  return update;
}

Result<RegistrationUpdate> Review(const Registration& registration, TimePoint now) {
  if (registration.state != RegistrationState::kAccepted) {
    return WrongState(registration, "only an accepted registration may be reviewed");
  }
  RegistrationUpdate update = Move(registration, RegistrationState::kReviewed, now);
  update.registration.reviewed_at = now;
  return update;
}

Result<RegistrationUpdate> Publish(const Registration& registration, TimePoint now,
                                   const WorkingCalendar& calendar,
                                   const RegistrationRules& rules) {
  if (registration.state != RegistrationState::kReviewed) {
    return WrongState(registration, "only a reviewed registration may be published");
  }
  GONGSHU_RETURN_IF_ERROR(CheckRegistrationRules(rules));
  RegistrationUpdate update = Move(registration, RegistrationState::kPublicity, now);
  update.registration.publicity_start = now;
  update.registration.publicity_end = calendar.Deadline(now, rules.publicity_working_days);
  update.registration.deadline = update.registration.publicity_end;
  return update;
}

Result<RegistrationUpdate> Code(const Registration& registration, TimePoint now,
                                int open_objection_count, std::string_view code) {
  if (registration.state != RegistrationState::kPublicity) {
    return WrongState(registration, "only a registration in publicity may be coded");
  }
  Status code_status = ValidateRegistrationCode(code);
  if (!code_status.ok()) return Status::InvalidField("code", code_status.message());
  if (open_objection_count < 0) {
    return Status::InvalidField("open_objection_count", "must not be negative");
  }
  // publicity_end is set by Publish; a value without it (built by hand) cannot be coded.
  if (!registration.publicity_end || now <= *registration.publicity_end) {
    std::string until = registration.publicity_end
                            ? LocalMinute(*registration.publicity_end) + " (UTC+8)"
                            : std::string("an unknown time");
    return Status::FailedPrecondition(
        "a registration may be coded only after its publicity period ends; the publicity of "
        "registration " +
        registration.id + " runs until " + until);
  }
  if (open_objection_count > 0) {
    return Status::FailedPrecondition(
        "a registration may not be coded while an objection is open; registration " +
        registration.id + " has " + std::to_string(open_objection_count) + " open");
  }
  RegistrationUpdate update = Move(registration, RegistrationState::kCoded, now);
  update.registration.code = std::string(code);
  update.registration.coded_at = now;
  update.registration.deadline = std::nullopt;
  return update;
}

Result<RegistrationUpdate> Reject(const Registration& registration, std::string_view reason,
                                  TimePoint now) {
  if (IsFinal(registration.state)) {
    return WrongState(registration, "a registration may be rejected only before it is final");
  }
  if (IsBlank(reason)) return Status::InvalidField("reason", "a rejection must give a reason");
  RegistrationUpdate update =
      Move(registration, RegistrationState::kRejected, now, std::string(reason));
  update.registration.rejection_reason = std::string(reason);
  update.registration.rejected_at = now;
  update.registration.deadline = std::nullopt;
  return update;
}

bool Overdue(const Registration& registration, TimePoint now) {
  switch (registration.state) {
    case RegistrationState::kSubmitted:
    case RegistrationState::kAccepted:
    case RegistrationState::kReviewed:
      return registration.deadline && now > *registration.deadline;
    case RegistrationState::kReturned:
    case RegistrationState::kPublicity:
    case RegistrationState::kCoded:
    case RegistrationState::kRejected:
      return false;
  }
  return false;
}

bool ReadyToCode(const Registration& registration, TimePoint now) {
  return registration.state == RegistrationState::kPublicity && registration.publicity_end &&
         now > *registration.publicity_end;
}

Result<Objection> FileObjection(const Registration& registration, const ObjectionInput& input,
                                TimePoint now) {
  std::vector<FieldError> errors;
  RequireNonBlank("id", input.id, &errors);
  RequireNonBlank("objector_contact", input.objector_contact, &errors);
  RequireNonBlank("text", input.text, &errors);
  GONGSHU_RETURN_IF_ERROR(FieldErrors(std::move(errors)));

  static constexpr std::string_view kRule =
      "an objection may be filed only during the publicity period";
  if (registration.state != RegistrationState::kPublicity || !registration.publicity_start ||
      !registration.publicity_end) {
    return Status::FailedPrecondition(std::string(kRule) + "; registration " + registration.id +
                                      " is in state " +
                                      std::string(RegistrationStateName(registration.state)));
  }
  if (now < *registration.publicity_start || now > *registration.publicity_end) {
    return Status::FailedPrecondition(std::string(kRule) + "; the publicity of registration " +
                                      registration.id + " runs from " +
                                      LocalMinute(*registration.publicity_start) + " to " +
                                      LocalMinute(*registration.publicity_end) + " (UTC+8)");
  }
  Objection objection;
  objection.id = input.id;
  objection.registration_id = registration.id;
  objection.objector_contact = input.objector_contact;
  objection.text = input.text;
  objection.filed_at = now;
  objection.state = ObjectionState::kOpen;
  return objection;
}

Result<Objection> Resolve(const Objection& objection, ObjectionOutcome outcome,
                          std::string_view reason, std::string_view resolved_by, TimePoint now) {
  if (objection.state != ObjectionState::kOpen) {
    return Status::Conflict("an objection is resolved only once; objection " + objection.id +
                            " is already " + std::string(ObjectionStateName(objection.state)));
  }
  std::vector<FieldError> errors;
  if (IsBlank(reason)) errors.push_back({"reason", "a resolution must give a public reason"});
  RequireNonBlank("resolved_by", resolved_by, &errors);
  GONGSHU_RETURN_IF_ERROR(FieldErrors(std::move(errors)));
  Objection resolved = objection;
  resolved.state =
      outcome == ObjectionOutcome::kUpheld ? ObjectionState::kUpheld : ObjectionState::kDismissed;
  resolved.resolution_reason = std::string(reason);
  resolved.resolved_by = std::string(resolved_by);
  resolved.resolved_at = now;
  ++resolved.revision;
  return resolved;
}

Result<ObjectionResolution> ResolveObjection(const Objection& objection,
                                             const Registration& registration,
                                             ObjectionOutcome outcome, std::string_view reason,
                                             std::string_view resolved_by, TimePoint now) {
  if (objection.registration_id != registration.id) {
    return Status::InvalidField("registration_id",
                                "objection " + objection.id + " is about registration " +
                                    objection.registration_id + ", not " + registration.id);
  }
  Result<Objection> resolved = Resolve(objection, outcome, reason, resolved_by, now);
  if (!resolved.ok()) return resolved.status();

  ObjectionResolution resolution{std::move(resolved).value(), registration, std::nullopt};
  if (outcome == ObjectionOutcome::kDismissed ||
      registration.state == RegistrationState::kRejected) {
    return resolution;
  }
  if (registration.state == RegistrationState::kCoded) {
    return Status::FailedPrecondition(
        "an upheld objection cannot undo coding; registration " + registration.id +
        " is coded already, and a cancellation registration is the way to withdraw it");
  }
  Result<RegistrationUpdate> rejected =
      Reject(registration, "objection " + objection.id + " upheld: " + std::string(reason), now);
  if (!rejected.ok()) return rejected.status();
  resolution.registration = std::move(rejected->registration);
  resolution.transition = std::move(rejected->transition);
  return resolution;
}

}  // namespace gongshu
