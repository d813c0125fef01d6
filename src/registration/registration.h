// Registration (公共数据资源登记): the workflow that gives a public data resource its registration
// code. This file is the pure state machine: every function takes values and returns new values
// or an error. Nothing here reads a clock, a file or a store; the caller passes the time, the
// working calendar and the rules, and stores what comes back. docs/registration.md describes the
// workflow for people.
//
// States and transitions:
//
//   Submit -> submitted --Accept--> accepted --Review--> reviewed --Publish--> publicity
//               |    ^                                                            |
//         Return|    |Resubmit        (Return at most once)                   Code|
//               v    |                                                            v
//              returned                                                         coded
//
//   Reject: submitted, returned, accepted, reviewed or publicity -> rejected
//   An upheld objection (ResolveObjection): publicity -> rejected
//   coded and rejected are final.
//
// Steps and deadlines (working days, RegistrationRules, WorkingCalendar::Deadline):
//   acceptance, 受理           in submitted            3 days from the (re)submission
//   formal review, 形式审核    in accepted, reviewed   5 days from acceptance to publication
//   publicity, 公示            in publicity            10 days from publication; then ready to code
//   (the registrant's turn)    in returned             no deadline
//
// Errors. Each transition checks, in this order, and returns the first failure:
//   1. Conflict (HTTP 409): the transition does not start from the registration's state. The
//      message names the rule and the state: "only a submitted registration may be accepted;
//      registration reg_1 is in state publicity".
//   2. InvalidArgument (HTTP 400): an input is missing or malformed; the field errors name it
//      ("reason", "missing_items", "code", ...).
//   3. FailedPrecondition (HTTP 422): a workflow rule forbids it now; the message names the rule
//      ("a registration may be returned only once").
// On failure nothing changes: the inputs are const and no value is returned.
//
// Every successful transition returns the new Registration (revision 1 after Submit, one more
// after each later transition) and the Transition to store as its event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "registration/working_calendar.h"

namespace gongshu {

// 登记类型.
enum class RegistrationType {
  kInitial,       // 首次登记
  kChange,        // 变更登记
  kCorrection,    // 更正登记
  kCancellation,  // 注销登记
};

// "initial", "change", "correction", "cancellation".
std::string_view RegistrationTypeName(RegistrationType type);
// Parses a name RegistrationTypeName returns; nullopt for anything else.
std::optional<RegistrationType> ParseRegistrationType(std::string_view name);
// All names, comma-separated, for error messages.
std::string RegistrationTypeNames();

enum class RegistrationState {
  kSubmitted,  // 申请: waiting for acceptance
  kReturned,   // 退回补正: incomplete; waiting for the registrant to resubmit
  kAccepted,   // 受理: in formal review
  kReviewed,   // 形式审核通过: waiting for publicity to start
  kPublicity,  // 公示: open to objections until publicity_end
  kCoded,      // 赋码: final; `code` is set
  kRejected,   // 不予登记: final; `rejection_reason` is set
};

// "submitted", "returned", "accepted", "reviewed", "publicity", "coded", "rejected".
std::string_view RegistrationStateName(RegistrationState state);
// Parses a name RegistrationStateName returns; nullopt for anything else.
std::optional<RegistrationState> ParseRegistrationState(std::string_view name);
// All names, comma-separated, for error messages.
std::string RegistrationStateNames();

// True for coded and rejected: no transition leaves them.
bool IsFinal(RegistrationState state);

// How long each step may take, in working days. Configuration may change them.
struct RegistrationRules {
  int acceptance_working_days = 3;  // 受理: from submission or resubmission to acceptance
  int review_working_days = 5;      // 形式审核: from acceptance to the start of publicity
  int publicity_working_days = 10;  // 公示: from publication to the end of publicity
};

// The largest number of working days a step may be configured to last (about a year).
inline constexpr int kMaxStepWorkingDays = 250;

// Ok when every duration is from 1 to kMaxStepWorkingDays; otherwise InvalidArgument with a field
// error per bad duration, named like the member ("publicity_working_days").
Status CheckRegistrationRules(const RegistrationRules& rules);

// What the registrant submits about the resource; the publicity notice shows it beside the
// registrant and the type. Both must be non-blank.
struct RegistrationMaterials {
  std::string resource_name;     // 资源名称
  std::string resource_summary;  // 资源摘要
};

// A new registration as the registrant submits it. Every string must be non-blank.
struct Submission {
  std::string id;  // chosen by the caller (the store's id scheme)
  std::string resource_id;
  std::string registrant_organization_id;
  RegistrationType type = RegistrationType::kInitial;
  RegistrationMaterials materials;
};

struct Registration {
  std::string id;
  std::string resource_id;
  std::string registrant_organization_id;
  RegistrationType type = RegistrationType::kInitial;
  RegistrationMaterials materials;
  RegistrationState state = RegistrationState::kSubmitted;

  // When each step happened; a step not reached yet is nullopt.
  TimePoint submitted_at;                   // the first submission
  std::optional<TimePoint> returned_at;     // the return, if there was one
  std::optional<TimePoint> resubmitted_at;  // the resubmission after the return
  std::optional<TimePoint> accepted_at;
  std::optional<TimePoint> reviewed_at;
  std::optional<TimePoint> publicity_start;  // publication: objections may be filed from here
  std::optional<TimePoint> publicity_end;    // objections may be filed until here, inclusive
  std::optional<TimePoint> coded_at;
  std::optional<TimePoint> rejected_at;

  // The deadline of the current step (see the table at the top of this file); nullopt in
  // returned, coded and rejected.
  std::optional<TimePoint> deadline;

  // The return notice: everything that was missing, in the order given. Kept after resubmission.
  std::vector<std::string> return_notice;
  // True once the registration has been returned; a second return is refused.
  bool return_used = false;

  std::string rejection_reason;  // set in rejected
  std::string code;              // set in coded; registration_code.h describes it

  int64_t revision = 1;  // increases by one on every transition
};

// One transition, to be stored as an event.
struct Transition {
  std::optional<RegistrationState> from;  // nullopt for the submission
  RegistrationState to = RegistrationState::kSubmitted;
  TimePoint at;
  std::string actor;   // empty: the caller sets who acted before storing the event
  std::string reason;  // the return notice, the rejection reason; empty for other transitions
};

// The result of a transition: the new value and the event that records it.
struct RegistrationUpdate {
  Registration registration;
  Transition transition;
};

// Starts a registration in submitted with the acceptance deadline (rules.acceptance_working_days
// after `now`). InvalidArgument when a string of `submission` is blank (one field error each) or
// `rules` is invalid.
Result<RegistrationUpdate> Submit(const Submission& submission, TimePoint now,
                                  const WorkingCalendar& calendar,
                                  const RegistrationRules& rules = RegistrationRules());

// Acceptance (受理): submitted -> accepted, with the formal review deadline
// (rules.review_working_days after `now`). Conflict unless submitted; InvalidArgument when `rules`
// is invalid.
Result<RegistrationUpdate> Accept(const Registration& registration, TimePoint now,
                                  const WorkingCalendar& calendar,
                                  const RegistrationRules& rules = RegistrationRules());

// Return for completion (退回补正): submitted -> returned, with a notice listing everything
// missing; no deadline while returned. The transition's reason is "missing: " and the items
// joined by "; ".
// Conflict unless submitted. InvalidArgument on "missing_items" when it is empty, or on
// "missing_items[i]" when an item is blank. FailedPrecondition "a registration may be returned
// only once" when it was returned before.
Result<RegistrationUpdate> Return(const Registration& registration,
                                  const std::vector<std::string>& missing_items, TimePoint now);

// Resubmission after a return: returned -> submitted with `materials` replacing the old ones and
// a new acceptance deadline counted from `now` (the clock restarts). The return notice is kept.
// Conflict unless returned; InvalidArgument when a material is blank or `rules` is invalid.
Result<RegistrationUpdate> Resubmit(const Registration& registration,
                                    const RegistrationMaterials& materials, TimePoint now,
                                    const WorkingCalendar& calendar,
                                    const RegistrationRules& rules = RegistrationRules());

// Formal review passed (形式审核): accepted -> reviewed. The deadline stays the review deadline:
// the review step lasts until publicity starts. Conflict unless accepted.
Result<RegistrationUpdate> Review(const Registration& registration, TimePoint now);

// Publication (公示): reviewed -> publicity. publicity_start is `now`; publicity_end and the
// deadline are WorkingCalendar::Deadline(now, rules.publicity_working_days).
// Conflict unless reviewed; InvalidArgument when `rules` is invalid.
Result<RegistrationUpdate> Publish(const Registration& registration, TimePoint now,
                                   const WorkingCalendar& calendar,
                                   const RegistrationRules& rules = RegistrationRules());

// Coding (赋码): publicity -> coded with `code`, which the caller issued from the store's serial
// counter (registration_code.h). `open_objection_count` is the number of the registration's
// objections still open.
// Conflict unless in publicity. InvalidArgument on "code" when ValidateRegistrationCode refuses
// it, or on "open_objection_count" when it is negative. FailedPrecondition "a registration may be
// coded only after its publicity period ends" when now <= publicity_end, and "a registration may
// not be coded while an objection is open" when open_objection_count > 0.
Result<RegistrationUpdate> Code(const Registration& registration, TimePoint now,
                                int open_objection_count, std::string_view code);

// Rejection (不予登记) with a reason, from any state that is not final. The reason becomes
// rejection_reason and the transition's reason. Conflict when coded or rejected already;
// InvalidArgument on "reason" when it is blank.
Result<RegistrationUpdate> Reject(const Registration& registration, std::string_view reason,
                                  TimePoint now);

// True when the registration waits on the platform and its current step is past its deadline
// (now > deadline): in submitted (acceptance) or in accepted and reviewed (formal review).
// Never in returned (the registrant's turn), publicity (see ReadyToCode), coded or rejected.
bool Overdue(const Registration& registration, TimePoint now);

// True when the registration is in publicity and its publicity period has ended
// (now > publicity_end): it may be coded once no objection is open.
bool ReadyToCode(const Registration& registration, TimePoint now);

// Objections (异议) ---------------------------------------------------------------------------

enum class ObjectionState {
  kOpen,       // filed, not yet resolved: blocks coding
  kUpheld,     // 成立: the registration was rejected
  kDismissed,  // 不成立: the registration continues
};

// "open", "upheld", "dismissed".
std::string_view ObjectionStateName(ObjectionState state);
// Parses a name ObjectionStateName returns; nullopt for anything else.
std::optional<ObjectionState> ParseObjectionState(std::string_view name);

// How an administrator resolves an objection.
enum class ObjectionOutcome {
  kUpheld,     // "upheld": the registration is rejected
  kDismissed,  // "dismissed": the registration continues
};

// "upheld" or "dismissed".
std::string_view ObjectionOutcomeName(ObjectionOutcome outcome);
// Parses a name ObjectionOutcomeName returns; nullopt for anything else.
std::optional<ObjectionOutcome> ParseObjectionOutcome(std::string_view name);

// An objection as anyone may file it. Every string must be non-blank.
struct ObjectionInput {
  std::string id;  // chosen by the caller (the store's id scheme)
  std::string objector_contact;
  std::string text;
};

struct Objection {
  std::string id;
  std::string registration_id;
  std::string objector_contact;  // how to reach the objector: personal data, never published
  std::string text;              // the objection itself
  TimePoint filed_at;
  ObjectionState state = ObjectionState::kOpen;
  // Once resolved: public, like the outcome in `state`.
  std::string resolution_reason;
  std::string resolved_by;  // the administrator's user id
  std::optional<TimePoint> resolved_at;
  int64_t revision = 1;  // increases by one on every change
};

// Files an objection to `registration`, open, at `now`.
// InvalidArgument when a string of `input` is blank (one field error each). FailedPrecondition "an
// objection may be filed only during the publicity period" unless the registration is in
// publicity and publicity_start <= now <= publicity_end; the message says when the period runs or
// which state the registration is in.
Result<Objection> FileObjection(const Registration& registration, const ObjectionInput& input,
                                TimePoint now);

// Resolves an open objection with a public reason. Only the objection changes: use
// ResolveObjection to apply an upheld objection to its registration.
// Conflict "an objection is resolved only once" unless open; InvalidArgument on "reason" when it
// is blank or on "resolved_by" when it is blank.
Result<Objection> Resolve(const Objection& objection, ObjectionOutcome outcome,
                          std::string_view reason, std::string_view resolved_by, TimePoint now);

// Both values after an objection is resolved.
struct ObjectionResolution {
  Objection objection;
  // Rejected when the objection was upheld and the registration was not final; otherwise the
  // registration as given.
  Registration registration;
  // The registration's rejection, when there was one.
  std::optional<Transition> transition;
};

// Resolves `objection` (as Resolve) and applies it to `registration`, the registration it is
// about. Upheld: a registration that is not final is rejected with the reason
// "objection <id> upheld: <reason>"; one already rejected stays as it is. Dismissed: the
// registration is unchanged and may be coded once no other objection is open.
// The errors of Resolve; InvalidArgument on "registration_id" when the objection is about another
// registration; FailedPrecondition "an upheld objection cannot undo coding" when the registration
// is already coded (a cancellation registration is the way to withdraw it).
Result<ObjectionResolution> ResolveObjection(const Objection& objection,
                                             const Registration& registration,
                                             ObjectionOutcome outcome, std::string_view reason,
                                             std::string_view resolved_by, TimePoint now);

}  // namespace gongshu
