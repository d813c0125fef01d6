// JSON forms of registrations and objections: the stored form (everything) and the public views.
#pragma once

#include <nlohmann/json.hpp>

#include "registration/registration.h"

namespace gongshu {

// Every field; the stored form and the view for those who handle the registration.
nlohmann::json RegistrationToJson(const Registration& registration);
// Reads back what RegistrationToJson wrote. InvalidArgument when it is not such a document.
Result<Registration> RegistrationFromJson(const nlohmann::json& object);

// Every field, the objector's contact included: the stored form and the admin's view.
nlohmann::json ObjectionToJson(const Objection& objection);
// The public view: the objector's contact (personal data) left out.
nlohmann::json ObjectionPublicJson(const Objection& objection);
Result<Objection> ObjectionFromJson(const nlohmann::json& object);

}  // namespace gongshu
