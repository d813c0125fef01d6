// Tests of registration/registration.h: the registration workflow, driven mostly by the scenario
// table testdata/registration_workflow.tsv (its header describes the format).
#include "registration/registration.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

// An instant from UTC text, through common/clock.h rather than the code under test.
TimePoint Utc(const std::string& iso) {
  TimePoint time;
  EXPECT_TRUE(ParseIsoTime(iso, &time)) << iso;
  return time;
}

// "YYYY-MM-DD HH:MM" on the UTC+8 wall clock.
TimePoint Local(const std::string& text) {
  if (text.size() != 16) ADD_FAILURE() << "not YYYY-MM-DD HH:MM: " << text;
  return Utc(text.substr(0, 10) + "T" + text.substr(11, 5) + ":00Z") - std::chrono::hours(8);
}

// 23:59:59.999 UTC+8 of the date "YYYY-MM-DD", worked out without the code under test.
TimePoint EndOfLocalDay(const std::string& date) {
  return Utc(date + "T00:00:00Z") - std::chrono::hours(8) + std::chrono::hours(24) -
         std::chrono::milliseconds(1);
}

std::string Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(' ');
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(' ');
  return std::string(text.substr(begin, end - begin + 1));
}

std::vector<std::string> Split(std::string_view text, std::string_view separator) {
  std::vector<std::string> parts;
  for (size_t begin = 0;;) {
    size_t found = text.find(separator, begin);
    parts.emplace_back(text.substr(begin, found == std::string_view::npos ? found : found - begin));
    if (found == std::string_view::npos) return parts;
    begin = found + separator.size();
  }
}

std::string_view KindName(StatusCode code) {
  switch (code) {
    case StatusCode::kConflict:
      return "conflict";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kFailedPrecondition:
      return "failed_precondition";
    default:
      return "other";
  }
}

const WorkingCalendar& Calendar() {
  static const WorkingCalendar kCalendar = [] {
    Result<WorkingCalendar> calendar = DefaultWorkingCalendar();
    EXPECT_TRUE(calendar.ok()) << calendar.status().message();
    return calendar.ok() ? *calendar : WorkingCalendar();
  }();
  return kCalendar;
}

Submission SubmissionOf(RegistrationType type) {
  return Submission{"reg_1", "res_1", "org_1", type,
                    RegistrationMaterials{"企业登记信息", "全省企业登记的基本信息"}};
}

// The state of one scenario of the table.
struct Scenario {
  std::string title;
  std::optional<Registration> registration;
  std::map<std::string, Objection> objections;  // by label
  std::optional<Transition> last_transition;
};

// Checks what every successful transition must satisfy, then keeps the new value.
void Apply(Scenario* scenario, const Registration& registration, const Transition& transition,
           TimePoint now, const std::string& where) {
  if (scenario->registration) {
    EXPECT_EQ(transition.from, scenario->registration->state) << where;
    EXPECT_EQ(registration.revision, scenario->registration->revision + 1) << where;
  } else {
    EXPECT_FALSE(transition.from.has_value()) << where;
    EXPECT_EQ(registration.revision, 1) << where;
  }
  EXPECT_EQ(transition.to, registration.state) << where;
  EXPECT_EQ(transition.at, now) << where;
  EXPECT_TRUE(transition.actor.empty()) << where;
  scenario->registration = registration;
  scenario->last_transition = transition;
}

// Runs one step. Ok and the scenario updated, or the step's error and the scenario unchanged.
Status RunStep(Scenario* scenario, TimePoint now, const std::string& action,
               const std::string& argument, const std::string& where) {
  auto apply = [&](const Result<RegistrationUpdate>& update) {
    if (!update.ok()) return update.status();
    Apply(scenario, update->registration, update->transition, now, where);
    return Status::Ok();
  };
  if (action == "submit") {
    std::optional<RegistrationType> type = ParseRegistrationType(argument);
    if (!type) return Status::Internal("unknown type " + argument);
    return apply(Submit(SubmissionOf(*type), now, Calendar()));
  }
  if (!scenario->registration) return Status::Internal("the scenario has not submitted yet");
  const Registration& registration = *scenario->registration;
  if (action == "check") return Status::Ok();
  if (action == "accept") return apply(Accept(registration, now, Calendar()));
  if (action == "review") return apply(Review(registration, now));
  if (action == "return") {
    std::vector<std::string> items;
    if (argument != "-") {
      for (const std::string& item : Split(argument, ";")) items.push_back(Trim(item));
    }
    return apply(Return(registration, items, now));
  }
  if (action == "resubmit") {
    RegistrationMaterials materials = registration.materials;
    if (argument.rfind("summary=", 0) == 0) {
      materials.resource_summary = argument.substr(8);
    } else if (argument != "-") {
      return Status::Internal("resubmit takes - or summary=TEXT");
    }
    return apply(Resubmit(registration, materials, now, Calendar()));
  }
  if (action == "publish") {
    RegistrationRules rules;
    if (argument != "-") rules.publicity_working_days = std::stoi(argument);
    return apply(Publish(registration, now, Calendar(), rules));
  }
  if (action == "code") {
    int open = 0;
    for (const auto& [label, objection] : scenario->objections) {
      if (objection.state == ObjectionState::kOpen) ++open;
    }
    return apply(Code(registration, now, open, argument));
  }
  if (action == "reject") return apply(Reject(registration, argument, now));
  if (action == "object") {
    ObjectionInput input{argument, "objector@example.org", "The provider is not the source."};
    Result<Objection> objection = FileObjection(registration, input, now);
    if (!objection.ok()) return objection.status();
    EXPECT_EQ(objection->registration_id, registration.id) << where;
    EXPECT_EQ(objection->state, ObjectionState::kOpen) << where;
    EXPECT_EQ(objection->filed_at, now) << where;
    scenario->objections[argument] = *objection;
    return Status::Ok();
  }
  if (action == "dismiss" || action == "uphold") {
    size_t colon = argument.find(':');
    if (colon == std::string::npos) return Status::Internal("expected LABEL: REASON");
    std::string label = argument.substr(0, colon);
    std::string reason = Trim(argument.substr(colon + 1));
    auto found = scenario->objections.find(label);
    if (found == scenario->objections.end()) return Status::Internal("no objection " + label);
    ObjectionOutcome outcome =
        action == "uphold" ? ObjectionOutcome::kUpheld : ObjectionOutcome::kDismissed;
    Result<ObjectionResolution> resolution =
        ResolveObjection(found->second, registration, outcome, reason, "usr_admin", now);
    if (!resolution.ok()) return resolution.status();
    EXPECT_EQ(resolution->objection.resolution_reason, reason) << where;
    EXPECT_EQ(resolution->objection.resolved_by, "usr_admin") << where;
    EXPECT_EQ(resolution->objection.resolved_at, now) << where;
    EXPECT_EQ(resolution->objection.revision, found->second.revision + 1) << where;
    found->second = resolution->objection;
    if (resolution->transition) {
      Apply(scenario, resolution->registration, *resolution->transition, now, where);
    } else {
      EXPECT_EQ(resolution->registration.revision, registration.revision) << where;
    }
    return Status::Ok();
  }
  return Status::Internal("unknown action " + action);
}

std::string YesNo(bool value) { return value ? "yes" : "no"; }

std::string DateOrNone(const std::optional<TimePoint>& time) {
  return time ? FormatDate(LocalDate(*time)) : "none";
}

// Checks one "key=value" assertion against the scenario at `now`.
void Check(const Scenario& scenario, TimePoint now, const std::string& assertion,
           const std::string& where) {
  size_t equals = assertion.find('=');
  ASSERT_NE(equals, std::string::npos) << where << ": not key=value: " << assertion;
  std::string key = assertion.substr(0, equals);
  std::string value = assertion.substr(equals + 1);
  ASSERT_TRUE(scenario.registration.has_value()) << where;
  const Registration& registration = *scenario.registration;
  std::string context = where + ": " + key;
  if (key == "state") {
    EXPECT_EQ(RegistrationStateName(registration.state), value) << context;
  } else if (key == "deadline") {
    if (value == "none") {
      EXPECT_FALSE(registration.deadline.has_value()) << context;
    } else {
      EXPECT_EQ(registration.deadline, EndOfLocalDay(value))
          << context << ": got " << DateOrNone(registration.deadline);
    }
  } else if (key == "publicity_end") {
    EXPECT_EQ(registration.publicity_end, EndOfLocalDay(value))
        << context << ": got " << DateOrNone(registration.publicity_end);
  } else if (key == "overdue") {
    EXPECT_EQ(YesNo(Overdue(registration, now)), value) << context;
  } else if (key == "ready_to_code") {
    EXPECT_EQ(YesNo(ReadyToCode(registration, now)), value) << context;
  } else if (key == "code") {
    EXPECT_EQ(registration.code, value) << context;
  } else if (key == "rejection_reason") {
    EXPECT_EQ(registration.rejection_reason, value) << context;
  } else if (key == "return_used") {
    EXPECT_EQ(YesNo(registration.return_used), value) << context;
  } else if (key == "return_notice") {
    std::vector<std::string> items;
    for (const std::string& item : Split(value, ";")) items.push_back(Trim(item));
    EXPECT_EQ(registration.return_notice, items) << context;
  } else if (key == "transition_reason") {
    ASSERT_TRUE(scenario.last_transition.has_value()) << context;
    EXPECT_EQ(scenario.last_transition->reason, value) << context;
  } else if (key == "open_objections") {
    int open = 0;
    for (const auto& [label, objection] : scenario.objections) {
      if (objection.state == ObjectionState::kOpen) ++open;
    }
    EXPECT_EQ(open, std::stoi(value)) << context;
  } else if (auto found = scenario.objections.find(key); found != scenario.objections.end()) {
    EXPECT_EQ(ObjectionStateName(found->second.state), value) << context;
  } else {
    ADD_FAILURE() << context << ": unknown assertion";
  }
}

TEST(RegistrationWorkflowTest, FollowsScenarios) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/registration_workflow.tsv");
  ASSERT_FALSE(rows.empty());
  Scenario scenario;
  int scenarios = 0;
  for (const TableRow& row : rows) {
    std::string where = "registration_workflow.tsv line " + std::to_string(row.line);
    if (row.cells[0] == "scenario") {
      ASSERT_EQ(row.cells.size(), 2u) << where;
      scenario = Scenario{row.cells[1], std::nullopt, {}, std::nullopt};
      ++scenarios;
      continue;
    }
    ASSERT_EQ(row.cells.size(), 4u) << where;
    where += " (" + scenario.title + ")";
    TimePoint now = Local(row.cells[0]);
    const std::string& action = row.cells[1];
    const std::string& expect = row.cells[3];
    Scenario before = scenario;
    Status status = RunStep(&scenario, now, action, row.cells[2], where);
    ASSERT_NE(status.code(), StatusCode::kInternal) << where << ": " << status.message();
    if (expect.rfind("error ", 0) == 0) {
      size_t colon = expect.find(": ");
      ASSERT_NE(colon, std::string::npos) << where << ": expected \"error KIND: FRAGMENT\"";
      std::string kind = expect.substr(6, colon - 6);
      std::string fragment = expect.substr(colon + 2);
      ASSERT_FALSE(status.ok()) << where << ": succeeded";
      EXPECT_EQ(KindName(status.code()), kind) << where << ": " << status.message();
      EXPECT_NE(status.message().find(fragment), std::string::npos)
          << where << ": message \"" << status.message() << "\" lacks \"" << fragment << "\"";
      ASSERT_EQ(scenario.registration.has_value(), before.registration.has_value()) << where;
      if (scenario.registration) {
        EXPECT_EQ(scenario.registration->revision, before.registration->revision) << where;
      }
      continue;
    }
    ASSERT_TRUE(status.ok()) << where << ": " << status.message();
    if (expect == "-") continue;
    for (const std::string& assertion : Split(expect, ", ")) {
      Check(scenario, now, assertion, where);
    }
  }
  EXPECT_GE(scenarios, 10);
}

TEST(RegistrationTest, SubmissionNeedsEveryField) {
  Submission submission{"", "res_1", " ", RegistrationType::kInitial, {"name", ""}};
  Result<RegistrationUpdate> update = Submit(submission, Utc("2025-03-03T01:00:00Z"), Calendar());
  ASSERT_FALSE(update.ok());
  std::vector<std::string> fields;
  Status status = update.status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  for (const FieldError& error : status.field_errors()) fields.push_back(error.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"id", "registrant_organization_id", "resource_summary"}));
}

TEST(RegistrationTest, SubmissionKeepsWhatWasSubmitted) {
  TimePoint now = Utc("2025-03-03T01:00:00Z");
  Result<RegistrationUpdate> update =
      Submit(SubmissionOf(RegistrationType::kCancellation), now, Calendar());
  ASSERT_TRUE(update.ok()) << update.status().message();
  const Registration& registration = update->registration;
  EXPECT_EQ(registration.id, "reg_1");
  EXPECT_EQ(registration.resource_id, "res_1");
  EXPECT_EQ(registration.registrant_organization_id, "org_1");
  EXPECT_EQ(registration.type, RegistrationType::kCancellation);
  EXPECT_EQ(registration.materials.resource_name, "企业登记信息");
  EXPECT_EQ(registration.submitted_at, now);
  EXPECT_EQ(registration.state, RegistrationState::kSubmitted);
  EXPECT_FALSE(registration.accepted_at.has_value());
  EXPECT_TRUE(registration.code.empty());
}

TEST(RegistrationTest, EachStepRecordsItsTime) {
  TimePoint start = Utc("2025-03-03T01:00:00Z");
  auto at = [start](int hours) { return start + std::chrono::hours(hours); };
  Result<RegistrationUpdate> step =
      Submit(SubmissionOf(RegistrationType::kInitial), at(0), Calendar());
  ASSERT_TRUE(step.ok());
  step = Return(step->registration, {"licence"}, at(1));
  ASSERT_TRUE(step.ok());
  EXPECT_EQ(step->registration.returned_at, at(1));
  step = Resubmit(step->registration, step->registration.materials, at(2), Calendar());
  ASSERT_TRUE(step.ok());
  EXPECT_EQ(step->registration.resubmitted_at, at(2));
  EXPECT_EQ(step->registration.submitted_at, at(0));
  step = Accept(step->registration, at(3), Calendar());
  ASSERT_TRUE(step.ok());
  EXPECT_EQ(step->registration.accepted_at, at(3));
  step = Review(step->registration, at(4));
  ASSERT_TRUE(step.ok());
  EXPECT_EQ(step->registration.reviewed_at, at(4));
  step = Publish(step->registration, at(5), Calendar());
  ASSERT_TRUE(step.ok());
  EXPECT_EQ(step->registration.publicity_start, at(5));
  TimePoint after_publicity = *step->registration.publicity_end + std::chrono::seconds(1);
  step = Code(step->registration, after_publicity, 0, "35010020250000013");
  ASSERT_TRUE(step.ok()) << step.status().message();
  EXPECT_EQ(step->registration.coded_at, after_publicity);
  EXPECT_EQ(step->registration.revision, 7);
}

TEST(RegistrationTest, RulesChangeTheDeadlines) {
  RegistrationRules rules;
  rules.acceptance_working_days = 1;
  rules.review_working_days = 2;
  // Mon 2025-03-03 10:00 UTC+8.
  TimePoint monday = Utc("2025-03-03T02:00:00Z");
  Result<RegistrationUpdate> step =
      Submit(SubmissionOf(RegistrationType::kInitial), monday, Calendar(), rules);
  ASSERT_TRUE(step.ok());
  EXPECT_EQ(step->registration.deadline,
            Utc("2025-03-04T16:00:00Z") - std::chrono::milliseconds(1));
  step = Accept(step->registration, monday, Calendar(), rules);
  ASSERT_TRUE(step.ok());
  EXPECT_EQ(step->registration.deadline,
            Utc("2025-03-05T16:00:00Z") - std::chrono::milliseconds(1));
}

TEST(RegistrationTest, RulesMustBeSensible) {
  EXPECT_TRUE(CheckRegistrationRules(RegistrationRules()).ok());
  RegistrationRules rules;
  rules.acceptance_working_days = 0;
  rules.publicity_working_days = kMaxStepWorkingDays + 1;
  Status status = CheckRegistrationRules(rules);
  ASSERT_FALSE(status.ok());
  ASSERT_EQ(status.field_errors().size(), 2u);
  EXPECT_EQ(status.field_errors()[0].field, "acceptance_working_days");
  EXPECT_EQ(status.field_errors()[1].field, "publicity_working_days");
  Result<RegistrationUpdate> step = Submit(SubmissionOf(RegistrationType::kInitial),
                                           Utc("2025-03-03T02:00:00Z"), Calendar(), rules);
  EXPECT_EQ(step.status().code(), StatusCode::kInvalidArgument);
}

TEST(RegistrationTest, ObjectionNeedsContactAndText) {
  Registration registration;
  registration.id = "reg_1";
  registration.state = RegistrationState::kPublicity;
  registration.publicity_start = Utc("2025-03-03T02:00:00Z");
  registration.publicity_end = Utc("2025-03-17T15:59:59Z");
  Result<Objection> objection =
      FileObjection(registration, ObjectionInput{"obj_1", "", " "}, Utc("2025-03-04T02:00:00Z"));
  ASSERT_FALSE(objection.ok());
  EXPECT_EQ(objection.status().code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(objection.status().field_errors().size(), 2u);
  EXPECT_EQ(objection.status().field_errors()[0].field, "objector_contact");
  EXPECT_EQ(objection.status().field_errors()[1].field, "text");
  // One instant before the start is outside the period; the start itself is inside.
  ObjectionInput input{"obj_1", "13800000000", "not the authoritative source"};
  EXPECT_EQ(FileObjection(registration, input,
                          *registration.publicity_start - std::chrono::milliseconds(1))
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
  EXPECT_TRUE(FileObjection(registration, input, *registration.publicity_start).ok());
}

TEST(RegistrationTest, ObjectionMustBelongToTheRegistration) {
  Registration registration;
  registration.id = "reg_2";
  Objection objection;
  objection.id = "obj_1";
  objection.registration_id = "reg_1";
  Result<ObjectionResolution> resolution =
      ResolveObjection(objection, registration, ObjectionOutcome::kDismissed, "no basis",
                       "usr_admin", Utc("2025-03-04T02:00:00Z"));
  ASSERT_FALSE(resolution.ok());
  EXPECT_EQ(resolution.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(resolution.status().field_errors().at(0).field, "registration_id");
}

TEST(RegistrationTest, UpheldObjectionCannotUndoCoding) {
  Registration registration;
  registration.id = "reg_1";
  registration.state = RegistrationState::kCoded;
  Objection objection;
  objection.id = "obj_1";
  objection.registration_id = "reg_1";
  Result<ObjectionResolution> resolution =
      ResolveObjection(objection, registration, ObjectionOutcome::kUpheld, "valid point",
                       "usr_admin", Utc("2025-03-04T02:00:00Z"));
  ASSERT_FALSE(resolution.ok());
  EXPECT_EQ(resolution.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(resolution.status().message().find("an upheld objection cannot undo coding"),
            std::string::npos);
}

TEST(RegistrationTest, NamesRoundTrip) {
  for (RegistrationType type : {RegistrationType::kInitial, RegistrationType::kChange,
                                RegistrationType::kCorrection, RegistrationType::kCancellation}) {
    EXPECT_EQ(ParseRegistrationType(RegistrationTypeName(type)), type);
  }
  EXPECT_EQ(RegistrationTypeNames(), "initial, change, correction, cancellation");
  EXPECT_EQ(RegistrationStateNames(),
            "submitted, returned, accepted, reviewed, publicity, coded, rejected");
  EXPECT_EQ(ParseRegistrationState("publicity"), RegistrationState::kPublicity);
  EXPECT_FALSE(ParseRegistrationState("Publicity").has_value());
  EXPECT_EQ(ObjectionStateName(ObjectionState::kDismissed), "dismissed");
  EXPECT_EQ(ParseObjectionOutcome("upheld"), ObjectionOutcome::kUpheld);
  EXPECT_FALSE(ParseObjectionOutcome("open").has_value());
  EXPECT_TRUE(IsFinal(RegistrationState::kCoded));
  EXPECT_TRUE(IsFinal(RegistrationState::kRejected));
  EXPECT_FALSE(IsFinal(RegistrationState::kPublicity));
}

}  // namespace
}  // namespace gongshu
