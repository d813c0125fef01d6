#include "quality/personal_data.h"

#include <algorithm>
#include <array>
#include <set>
#include <span>

#include "quality/person_name.h"

namespace gongshu::quality {
namespace {

constexpr std::array<std::string_view, 10> kKindNames = {
    "none",  "citizen_id", "mobile",  "phone",    "bank_card",
    "email", "name",       "address", "passport", "birth_date"};

// --- The column name ---
//
// Keywords are matched three ways: Chinese (and any non-ASCII) keywords as substrings of the
// name; ASCII keywords as substrings of the name's ASCII words joined in lower case ("ID_Card_No"
// and "idCardNo" both give "idcardno"); ASCII keywords written with a leading '=' as one whole
// word ("tel" must not match "hotel").
using Keywords = std::span<const std::string_view>;

constexpr std::string_view kCitizenIdWords[] = {
    "身份证",     "身份号码",       "证件号", "idcard",   "citizenid", "identitycard",
    "identityno", "identitynumber", "idno",   "idnumber", "sfz"};
constexpr std::string_view kPassportWords[] = {"护照",   "出入境证件", "旅行证",
                                               "证件号", "passport",   "=hzhm"};
constexpr std::string_view kMobileWords[] = {"手机",   "移动电话",  "电话",  "联系方式",
                                             "mobile", "cellphone", "phone", "=tel",
                                             "=cell",  "lxdh",      "sjhm",  "=sjh"};
constexpr std::string_view kPhoneWords[] = {"电话",     "座机", "固话", "联系方式", "phone",
                                            "landline", "=tel", "lxdh", "gddh"};
constexpr std::string_view kBankCardWords[] = {
    "银行卡",   "卡号",   "账号",    "帐号",        "账户",      "帐户",
    "bankcard", "cardno", "cardnum", "bankaccount", "accountno", "accountnumber",
    "=account", "=acct",  "yhkh",    "yhzh"};
constexpr std::string_view kEmailWords[] = {"邮箱",  "电子邮件", "邮件",   "电邮",
                                            "email", "=mail",    "mailbox"};
// Words that name a person's name outright, whatever else the column name says.
constexpr std::string_view kPersonNameWords[] = {
    "姓名",     "联系人",  "负责人",     "法定代表人",  "法人代表", "户主",     "申请人",
    "经办人",   "收件人",  "收货人",     "发件人",      "监护人",   "投诉人",   "举报人",
    "当事人",   "责任人",  "签收人",     "患者",        "realname", "fullname", "firstname",
    "lastname", "surname", "personname", "contactname", "=xm"};
// Words that may name a person's name, unless the column name speaks of a thing.
constexpr std::string_view kMaybeNameWords[] = {"名字",   "=name",      "=person", "=contact",
                                                "=owner", "=applicant", "=patient"};
constexpr std::string_view kAddressWords[] = {"住址",   "地址",    "住所", "居住地", "现居", "户籍",
                                              "通讯地", "address", "addr", "=dz",    "jtzz"};
constexpr std::string_view kBirthDateWords[] = {"出生", "生日", "birth", "=dob", "=csrq"};
// The values identify things: orders, transactions, devices, documents.
constexpr std::string_view kThingIdWords[] = {
    "订单",    "编号",   "编码",      "流水",      "单号",         "序号",    "序列号",
    "设备",    "批次",   "工单",      "交易",      "合同",         "票号",    "代码",
    "许可证",  "终端",   "档案",      "型号",      "=order",       "=serial", "=sn",
    "=device", "=batch", "=ticket",   "=txn",      "=transaction", "=imei",   "=code",
    "=seq",    "=sku",   "=contract", "=terminal", "orderno",      "serialno"};
// The values belong to an organization: its address, service line, fax, mailbox.
constexpr std::string_view kOrganizationWords[] = {
    "企业",     "公司",       "单位",    "机构",         "商户",    "门店",       "网点",
    "场所",     "办公",       "注册",    "经营",         "营业",    "服务",       "咨询",
    "热线",     "客服",       "传真",    "官方",         "政府",    "部门",       "=company",
    "=corp",    "enterprise", "=org",    "organization", "=office", "business",   "=shop",
    "=store",   "service",    "hotline", "=fax",         "=dept",   "department", "agency",
    "official", "registered"};
// The values belong to a person.
constexpr std::string_view kPersonWords[] = {
    "户主",    "家庭",     "个人",   "居民",      "本人",     "患者",  "学生",     "员工",
    "职工",    "住宅",     "私人",   "=person",   "personal", "=home", "resident", "patient",
    "student", "employee", "=owner", "applicant", "customer", "=user", "=member"};
// Names of things rather than people: stations, roads, bodies, products, files.
constexpr std::string_view kThingNameWords[] = {
    "名称",     "简称",   "站",           "路",         "街",        "小区",    "学校",
    "医院",     "产品",   "商品",         "药品",       "项目",      "文件",    "地名",
    "品牌",     "企业",   "公司",         "单位",       "机构",      "数据",    "=station",
    "=company", "=road",  "=street",      "=product",   "=item",     "=file",   "=project",
    "=brand",   "=place", "=city",        "=district",  "=province", "=school", "=hospital",
    "=dataset", "=org",   "organization", "enterprise", "=shop",     "=store",  "=building",
    "=bank",    "=user",  "=display",     "=table",     "=column",   "=field"};

class ColumnName {
 public:
  explicit ColumnName(std::string_view name) : text_(name) {
    // ASCII words: split at anything that is not a letter or digit, and before an upper-case
    // letter that follows a lower-case one (camelCase).
    std::string word;
    char previous = 0;
    for (char symbol : name) {
      bool upper = symbol >= 'A' && symbol <= 'Z';
      bool lower = symbol >= 'a' && symbol <= 'z';
      bool digit = symbol >= '0' && symbol <= '9';
      if (upper && previous >= 'a' && previous <= 'z' && !word.empty()) {
        words_.push_back(word);
        word.clear();
      }
      if (upper || lower || digit) {
        word.push_back(upper ? static_cast<char>(symbol - 'A' + 'a') : symbol);
      } else if (!word.empty()) {
        words_.push_back(word);
        word.clear();
      }
      previous = symbol;
    }
    if (!word.empty()) words_.push_back(word);
    for (const std::string& each : words_) joined_ += each;
  }

  // The first keyword of `keywords` the name contains; empty when none.
  std::string_view Find(Keywords keywords) const {
    for (std::string_view keyword : keywords) {
      if (Contains(keyword)) return keyword.front() == '=' ? keyword.substr(1) : keyword;
    }
    return {};
  }
  bool Has(Keywords keywords) const { return !Find(keywords).empty(); }

  // Whether a person is named: a person word, or 人 other than in 法人 (a legal person, that is
  // a body) unless as 法人代表.
  bool SpeaksOfPerson() const {
    if (Has(kPersonWords) || text_.find("法人代表") != std::string_view::npos) return true;
    for (size_t at = text_.find("人"); at != std::string_view::npos;
         at = text_.find("人", at + 1)) {
      if (at < 3 || text_.substr(at - 3, 3) != "法") return true;
    }
    return false;
  }

 private:
  bool Contains(std::string_view keyword) const {
    if (keyword.front() == '=') {
      return std::find(words_.begin(), words_.end(), keyword.substr(1)) != words_.end();
    }
    bool ascii = static_cast<unsigned char>(keyword.front()) < 0x80;
    return (ascii ? std::string_view(joined_) : text_).find(keyword) != std::string_view::npos;
  }

  std::string_view text_;
  std::vector<std::string> words_;
  std::string joined_;
};

// What the column name says about one kind: +1 for it, -1 against it, 0 nothing.
struct NameSignal {
  int direction = 0;
  std::string reason;
};

// --- The values ---

bool IsBlank(char symbol) {
  return symbol == ' ' || symbol == '\t' || symbol == '\r' || symbol == '\n';
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  return text;
}

bool ContainsAny(std::string_view text, std::initializer_list<std::string_view> parts) {
  return std::any_of(parts.begin(), parts.end(), [text](std::string_view part) {
    return text.find(part) != std::string_view::npos;
  });
}

// Long enough (12 bytes: four Han characters) and with an administrative or street marker.
bool LooksLikeAddress(std::string_view text) {
  if (text.size() < 12) return false;
  return ContainsAny(text,
                     {"省", "市", "区", "县", "镇", "乡", "村", "路", "街", "巷", "弄", "胡同"});
}

// An address down to a house: a digit followed by 号, 室, 栋, 幢, 单元, 弄, 组, 户, 层 or 楼.
bool LooksLikeHouseAddress(std::string_view text) {
  if (!LooksLikeAddress(text)) return false;
  for (size_t at = 0; at + 1 < text.size(); ++at) {
    if (text[at] < '0' || text[at] > '9') continue;
    std::string_view after = text.substr(at + 1);
    for (std::string_view marker : {"号", "室", "栋", "幢", "单元", "弄", "组", "户", "层", "楼"}) {
      if (after.substr(0, marker.size()) == marker) return true;
    }
  }
  return false;
}

struct SampleEvidence {
  int values = 0;  // non-empty sample values
  int distinct = 0;
  int chinese_names = 0;
  int latin_names = 0;
  int addresses = 0;
  int house_addresses = 0;
  int passports = 0;
};

SampleEvidence ReadSample(const std::vector<std::string>& sample) {
  SampleEvidence evidence;
  std::set<std::string_view> seen;
  for (const std::string& raw : sample) {
    std::string_view value = Trim(raw);
    if (value.empty()) continue;
    ++evidence.values;
    if (seen.insert(value).second) ++evidence.distinct;
    if (LooksLikeChineseName(value)) ++evidence.chinese_names;
    if (LooksLikeLatinName(value)) ++evidence.latin_names;
    if (LooksLikeAddress(value)) ++evidence.addresses;
    if (LooksLikeHouseAddress(value)) ++evidence.house_addresses;
    if (IsPassportNumber(value)) ++evidence.passports;
  }
  return evidence;
}

std::string CountSentence(std::uint64_t part, std::uint64_t whole, std::string_view what) {
  return std::to_string(part) + " of " + std::to_string(whole) + " " + std::string(what);
}

// One candidate finding, before the best is chosen.
struct Candidate {
  explicit Candidate(PersonalDataKind candidate_kind) : kind(candidate_kind) {}
  PersonalDataKind kind = PersonalDataKind::kNone;
  double confidence = 0;
  double fraction = 0;  // share of values that fit, to break ties
  std::vector<std::string> reasons;
};

void Suggest(PersonalDataFinding& finding) {
  switch (finding.kind) {
    case PersonalDataKind::kCitizenId:
    case PersonalDataKind::kPassport:
    case PersonalDataKind::kBankCard:
      finding.item_sensitivity = "general-4";
      finding.item_personal = "direct_identifier";
      break;
    case PersonalDataKind::kMobile:
    case PersonalDataKind::kPhone:
    case PersonalDataKind::kEmail:
    case PersonalDataKind::kName:
    case PersonalDataKind::kAddress:
      finding.item_sensitivity = "general-3";
      finding.item_personal = "direct_identifier";
      break;
    case PersonalDataKind::kBirthDate:
      finding.item_sensitivity = "general-2";
      finding.item_personal = "quasi_identifier";
      break;
    case PersonalDataKind::kNone:
      finding.item_sensitivity = "general-1";
      finding.item_personal = "none";
      break;
  }
  finding.resource_grade = finding.item_sensitivity;
}

class Detector {
 public:
  Detector(std::string_view column_name, const ColumnProfile& profile)
      : name_(column_name), profile_(profile), sample_(ReadSample(profile.sample)) {}

  PersonalDataFinding Run() {
    PersonalDataFinding finding;
    std::uint64_t values = profile_.NonNull();
    if (values == 0) {
      finding.confidence = 1;
      finding.reasons.push_back("the column has no values");
      Suggest(finding);
      return finding;
    }
    double uscc = Share(ValueKind::kUscc);
    if (uscc >= 0.5) {
      finding.confidence = 0.95;
      finding.reasons.push_back(CountSentence(profile_.Matches(ValueKind::kUscc), values,
                                              "values are unified social credit codes, which "
                                              "identify organizations, not persons"));
      Suggest(finding);
      return finding;
    }
    std::vector<Candidate> candidates = {CitizenId(),  PhoneNumber(), BankCard(), Email(),
                                         PersonName(), Address(),     Passport(), BirthDate()};
    const Candidate* best = nullptr;
    for (const Candidate& candidate : candidates) {
      if (candidate.kind == PersonalDataKind::kNone) continue;
      if (best == nullptr || candidate.confidence > best->confidence ||
          (candidate.confidence == best->confidence && candidate.fraction > best->fraction)) {
        best = &candidate;
      }
    }
    if (best == nullptr || best->confidence < kThreshold) {
      finding.confidence = 1 - (best == nullptr ? 0 : best->confidence);
      finding.reasons = vetoes_;
      if (finding.reasons.empty()) {
        finding.reasons.push_back("no kind of personal data fits the values and the column name");
      }
    } else {
      finding.kind = best->kind;
      finding.confidence = best->confidence;
      finding.reasons = best->reasons;
    }
    Suggest(finding);
    return finding;
  }

 private:
  static constexpr double kThreshold = 0.5;
  // Value-only findings need this many values: fractions of fewer say little.
  static constexpr std::uint64_t kMinimumValues = 3;

  double Share(ValueKind kind) const {
    return static_cast<double>(profile_.Matches(kind)) / static_cast<double>(profile_.NonNull());
  }
  static double Share(int part, int whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / whole;
  }

  // What the name says about a kind whose values could also be codes of things (phone numbers,
  // cards): for it when a keyword matches (unless the column belongs to an organization and
  // `organization_vetoes`), against it when the name speaks of things or organizations.
  NameSignal Signal(Keywords keywords, bool organization_vetoes) const {
    NameSignal signal;
    std::string_view keyword = name_.Find(keywords);
    bool organization = !name_.Find(kOrganizationWords).empty() && !name_.SpeaksOfPerson();
    if (!keyword.empty() && !(organization && organization_vetoes)) {
      signal.direction = 1;
      signal.reason = "the column name mentions " + std::string(keyword);
      return signal;
    }
    if (std::string_view thing = name_.Find(kThingIdWords); !thing.empty()) {
      signal.direction = -1;
      signal.reason = "the column name (" + std::string(thing) +
                      ") says the values identify things, not persons";
    } else if (organization && organization_vetoes) {
      signal.direction = -1;
      signal.reason = "the column name (" + std::string(name_.Find(kOrganizationWords)) +
                      ") says the values belong to an organization";
    }
    return signal;
  }

  void NoteVeto(const NameSignal& signal, double fraction) {
    if (signal.direction < 0 && fraction >= kThreshold &&
        std::find(vetoes_.begin(), vetoes_.end(), signal.reason) == vetoes_.end()) {
      vetoes_.push_back(signal.reason);
    }
  }

  Candidate CitizenId() {
    Candidate candidate{PersonalDataKind::kCitizenId};
    double share = Share(ValueKind::kCitizenId);
    candidate.fraction = share;
    NameSignal signal = Signal(kCitizenIdWords, false);
    candidate.reasons.push_back(
        CountSentence(profile_.Matches(ValueKind::kCitizenId), profile_.NonNull(),
                      "values are valid citizen ID numbers (check character, birth date, "
                      "division code)"));
    if (share >= 0.8 && profile_.NonNull() >= 1) {
      // The check character, the birth date and the division together make a random number pass
      // rarely enough that the values decide alone.
      candidate.confidence = signal.direction > 0 ? 0.99 : signal.direction < 0 ? 0.9 : 0.97;
    } else if (signal.direction > 0 && share >= 0.3) {
      candidate.confidence = 0.85;
    }
    if (signal.direction != 0) candidate.reasons.push_back(signal.reason);
    return candidate;
  }

  Candidate PhoneNumber() {
    double mobile = Share(ValueKind::kMobile);
    double landline = Share(ValueKind::kLandline);
    bool mostly_mobile = mobile >= landline;
    Candidate candidate{mostly_mobile ? PersonalDataKind::kMobile : PersonalDataKind::kPhone};
    candidate.fraction = std::max(mobile, landline);
    NameSignal signal = mostly_mobile ? Signal(kMobileWords, true) : Signal(kPhoneWords, true);
    candidate.reasons.push_back(
        CountSentence(profile_.Matches(mostly_mobile ? ValueKind::kMobile : ValueKind::kLandline),
                      profile_.NonNull(),
                      mostly_mobile ? "values are mainland mobile numbers"
                                    : "values are landline numbers with an area code"));
    NoteVeto(signal, mobile + landline);
    if (signal.direction > 0 && mobile + landline >= 0.5) {
      candidate.confidence = 0.95;
    } else if (signal.direction == 0 && candidate.fraction >= 0.9 &&
               profile_.NonNull() >= kMinimumValues) {
      candidate.confidence = mostly_mobile ? 0.75 : 0.7;
    }
    if (signal.direction != 0) candidate.reasons.push_back(signal.reason);
    return candidate;
  }

  Candidate BankCard() {
    Candidate candidate{PersonalDataKind::kBankCard};
    double share = Share(ValueKind::kBankCard);
    candidate.fraction = share;
    NameSignal signal = Signal(kBankCardWords, true);
    candidate.reasons.push_back(CountSentence(profile_.Matches(ValueKind::kBankCard),
                                              profile_.NonNull(),
                                              "values are 16-19 digit numbers passing the Luhn "
                                              "check"));
    NoteVeto(signal, share);
    if (signal.direction > 0 && share >= 0.5) {
      candidate.confidence = 0.95;
    } else if (signal.direction == 0 && share >= 0.9 && profile_.NonNull() >= kMinimumValues) {
      // One random number in ten passes Luhn: nine in ten passing is not chance.
      candidate.confidence = 0.8;
    }
    if (signal.direction != 0) candidate.reasons.push_back(signal.reason);
    return candidate;
  }

  Candidate Email() {
    Candidate candidate{PersonalDataKind::kEmail};
    double share = Share(ValueKind::kEmail);
    candidate.fraction = share;
    NameSignal signal = Signal(kEmailWords, true);
    candidate.reasons.push_back(CountSentence(profile_.Matches(ValueKind::kEmail),
                                              profile_.NonNull(), "values are email addresses"));
    NoteVeto(signal, share);
    if (signal.direction > 0 && share >= 0.5) {
      candidate.confidence = 0.95;
    } else if (signal.direction == 0 && share >= 0.8) {
      candidate.confidence = 0.9;
    }
    if (signal.direction != 0) candidate.reasons.push_back(signal.reason);
    return candidate;
  }

  Candidate PersonName() {
    Candidate candidate{PersonalDataKind::kName};
    double chinese = Share(sample_.chinese_names, sample_.values);
    double latin = Share(sample_.latin_names, sample_.values);
    candidate.fraction = std::max(chinese, latin);
    int direction = 0;
    std::string reason;
    if (std::string_view word = name_.Find(kPersonNameWords); !word.empty()) {
      direction = 1;
      reason = "the column name mentions " + std::string(word);
    } else if (std::string_view thing = name_.Find(kThingNameWords); !thing.empty()) {
      direction = -1;
      reason = "the column name (" + std::string(thing) + ") speaks of things, not persons";
    } else if (std::string_view maybe = name_.Find(kMaybeNameWords); !maybe.empty()) {
      direction = 1;
      reason = "the column name mentions " + std::string(maybe);
    } else if (std::string_view thing_id = name_.Find(kThingIdWords); !thing_id.empty()) {
      direction = -1;
      reason = "the column name (" + std::string(thing_id) + ") says the values identify things";
    }
    candidate.reasons.push_back(CountSentence(
        static_cast<std::uint64_t>(chinese >= latin ? sample_.chinese_names : sample_.latin_names),
        static_cast<std::uint64_t>(sample_.values),
        chinese >= latin ? "sampled values look like Chinese names (a known "
                           "surname, 2-4 characters)"
                         : "sampled values look like names in Latin letters"));
    if (direction > 0 && candidate.fraction >= 0.5) {
      candidate.confidence = 0.9;
    } else if (direction == 0 && chinese >= 0.9 && sample_.values >= 5 &&
               Share(sample_.distinct, sample_.values) >= 0.8) {
      // Without the name's support only many different values of the Chinese name shape count:
      // a handful of repeated short words (categories, statuses) is not a list of people.
      candidate.confidence = 0.6;
      candidate.reasons.push_back(CountSentence(static_cast<std::uint64_t>(sample_.distinct),
                                                static_cast<std::uint64_t>(sample_.values),
                                                "sampled values are different"));
    }
    if (!reason.empty()) candidate.reasons.push_back(reason);
    return candidate;
  }

  Candidate Address() {
    Candidate candidate{PersonalDataKind::kAddress};
    double loose = Share(sample_.addresses, sample_.values);
    double house = Share(sample_.house_addresses, sample_.values);
    candidate.fraction = loose;
    NameSignal signal = Signal(kAddressWords, true);
    candidate.reasons.push_back(CountSentence(static_cast<std::uint64_t>(sample_.house_addresses),
                                              static_cast<std::uint64_t>(sample_.values),
                                              "sampled values are addresses down to a house "
                                              "number"));
    NoteVeto(signal, loose);
    if (signal.direction > 0 && loose >= 0.5) {
      candidate.confidence = 0.9;
    } else if (signal.direction == 0 && house >= 0.8 && sample_.values >= 3) {
      candidate.confidence = 0.7;
    }
    if (signal.direction != 0) candidate.reasons.push_back(signal.reason);
    return candidate;
  }

  Candidate Passport() {
    Candidate candidate{PersonalDataKind::kPassport};
    double share = Share(sample_.passports, sample_.values);
    candidate.fraction = share;
    candidate.reasons.push_back(CountSentence(static_cast<std::uint64_t>(sample_.passports),
                                              static_cast<std::uint64_t>(sample_.values),
                                              "sampled values have the form of a passport "
                                              "number"));
    std::string_view keyword = name_.Find(kPassportWords);
    // The form is shared by batch and model numbers: only the name can make it a passport.
    if (!keyword.empty() && share >= 0.5) {
      candidate.confidence = 0.9;
      candidate.reasons.push_back("the column name mentions " + std::string(keyword));
    }
    return candidate;
  }

  Candidate BirthDate() {
    Candidate candidate{PersonalDataKind::kBirthDate};
    double share = Share(ValueKind::kDate);
    candidate.fraction = share;
    candidate.reasons.push_back(
        CountSentence(profile_.Matches(ValueKind::kDate), profile_.NonNull(), "values are dates"));
    std::string_view keyword = name_.Find(kBirthDateWords);
    // Any column may hold dates: only the name can make them birth dates.
    if (!keyword.empty() && share >= 0.5) {
      candidate.confidence = 0.9;
      candidate.reasons.push_back("the column name mentions " + std::string(keyword));
    }
    return candidate;
  }

  ColumnName name_;
  const ColumnProfile& profile_;
  SampleEvidence sample_;
  std::vector<std::string> vetoes_;  // name signals that overruled value evidence
};

}  // namespace

std::string_view PersonalDataKindName(PersonalDataKind kind) {
  return kKindNames[static_cast<int>(kind)];
}

PersonalDataFinding DetectPersonalData(std::string_view column_name, const ColumnProfile& profile) {
  return Detector(column_name, profile).Run();
}

}  // namespace gongshu::quality
