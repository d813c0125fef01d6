#include "demo/demo_datasets.h"

#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <span>
#include <unordered_set>
#include <utility>

#include <nlohmann/json.hpp>

#include "identity/uscc.h"

namespace gongshu {
namespace {

// ---------------------------------------------------------------------------------------------
// Randomness: a SplitMix64 sequence, mapped to ranges by hand (std distributions differ between
// standard libraries).

uint64_t SplitMix64(uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

// Every draw is a statement of its own (or inside a braced list, which C++ evaluates in order):
// the order of operands of + or of function arguments is unspecified, and the output must not
// depend on the compiler.
class Random {
 public:
  Random(uint64_t seed, uint64_t stream) : state_(SplitMix64(seed) ^ SplitMix64(~stream)) {}

  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return SplitMix64(state_);
  }
  // In [0, bound); the modulo bias is negligible for the small bounds used here.
  uint64_t Below(uint64_t bound) { return Next() % bound; }
  // In [low, high]. REQUIRES: low <= high.
  int64_t Between(int64_t low, int64_t high) {
    return low + static_cast<int64_t>(Below(static_cast<uint64_t>(high - low) + 1));
  }
  bool Chance(int percent) { return Below(100) < static_cast<uint64_t>(percent); }
  template <typename T>
  const T& Pick(const std::vector<T>& values) {
    return values[Below(values.size())];
  }
  // An index drawn with the given relative weights. REQUIRES: a positive total.
  size_t Weighted(std::span<const int> weights) {
    int total = 0;
    for (int weight : weights) total += weight;
    int draw = static_cast<int>(Below(static_cast<uint64_t>(total)));
    for (size_t index = 0; index < weights.size(); ++index) {
      if (draw < weights[index]) return index;
      draw -= weights[index];
    }
    return weights.size() - 1;
  }

 private:
  uint64_t state_;
};

// A comma-separated word list of the tables below.
std::vector<std::string_view> Words(std::string_view list) {
  std::vector<std::string_view> words;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    if (end > start) words.push_back(list.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// ---------------------------------------------------------------------------------------------
// Text of values.

int DaysFromCivil(int year, unsigned month, unsigned day) {
  std::chrono::sys_days date = std::chrono::year_month_day{
      std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
  return static_cast<int>(date.time_since_epoch().count());
}

std::chrono::year_month_day CivilFromDays(int days) {
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days}}};
}

std::string FormatDate(int days) {
  std::chrono::year_month_day date = CivilFromDays(days);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

std::string FormatDateTime(int days, int hour) {
  char text[16];
  std::snprintf(text, sizeof text, "T%02d:00:00", hour);
  return FormatDate(days) + text;
}

// `scaled` / 10^decimals with exactly `decimals` digits after the point: 1250, 2 -> "12.50".
std::string FormatFixed(int64_t scaled, int decimals) {
  int64_t unit = 1;
  for (int digit = 0; digit < decimals; ++digit) unit *= 10;
  const bool negative = scaled < 0;
  const uint64_t magnitude = negative ? -static_cast<uint64_t>(scaled) : scaled;
  char text[48];
  std::snprintf(text, sizeof text, "%s%llu.%0*llu", negative ? "-" : "",
                static_cast<unsigned long long>(magnitude / unit), decimals,
                static_cast<unsigned long long>(magnitude % unit));
  return text;
}

std::string Digits(Random& random, int count) {
  std::string digits;
  for (int index = 0; index < count; ++index) digits += static_cast<char>('0' + random.Below(10));
  return digits;
}

std::string ZeroPadded(uint64_t value, int width) {
  char text[32];
  std::snprintf(text, sizeof text, "%0*llu", width, static_cast<unsigned long long>(value));
  return text;
}

// ---------------------------------------------------------------------------------------------
// Check characters no Debian library computes.

// GB 11643-1999 citizen ID: ISO 7064 MOD 11-2 over the first 17 digits.
char CitizenIdCheckCharacter(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t index = 0; index < 17; ++index) sum += (first17[index] - '0') * kWeights[index];
  static constexpr char kCheck[] = "10X98765432";
  return kCheck[sum % 11];
}

// GB 11714-1997 organization code: the check character of 8 digits.
char OrganizationCodeCheckCharacter(std::string_view first8) {
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t index = 0; index < 8; ++index) sum += (first8[index] - '0') * kWeights[index];
  int check = 11 - sum % 11;
  if (check == 10) return 'X';
  if (check == 11) return '0';
  return static_cast<char>('0' + check);
}

// The 9-character organization part of a USCC or licence: a legacy GB 11714 code (8 digits and
// its check character) or, for newer bodies, "MA" and 7 symbols of the USCC alphabet.
std::string OrganizationCode(Random& random, int legacy_percent) {
  static constexpr std::string_view kSymbols = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  if (random.Chance(legacy_percent)) {
    std::string code = Digits(random, 8);
    code[0] = static_cast<char>('1' + random.Below(9));
    return code + OrganizationCodeCheckCharacter(code);
  }
  std::string code = "MA";
  code += static_cast<char>('2' + random.Below(3));  // MA2.., MA3.., MA4..
  for (int index = 0; index < 6; ++index) code += kSymbols[random.Below(kSymbols.size())];
  return code;
}

// ---------------------------------------------------------------------------------------------
// Places of 福州, 厦门 and 泉州. Centres and spreads are in micro-degrees (WGS 84), so that
// coordinates are integers until they are written.

struct DistrictPlace {
  std::string_view code;
  std::string_view name;
  std::string_view short_name;
  int64_t longitude;
  int64_t latitude;
  int64_t spread;          // either way from the centre
  std::string_view towns;  // 街道, 镇
};

struct CityPlace {
  std::string_view code;
  std::string_view name;
  std::string_view short_name;
  std::string_view area_code;
  std::string_view letters;  // prefix of stop ids and certificate numbers
  int pm25_base;             // typical PM2.5 in µg/m³
  std::span<const DistrictPlace> districts;
  std::string_view roads;
  std::string_view landmarks;
  std::string_view stations;  // air quality monitoring stations
};

constexpr DistrictPlace kFuzhouDistricts[] = {
    {"350102", "鼓楼区", "鼓楼", 119296000, 26082000, 18000,
     "鼓东街道,鼓西街道,温泉街道,东街街道,南街街道,安泰街道,华大街道,水部街道,五凤街道,洪山镇"},
    {"350103", "台江区", "台江", 119314000, 26056000, 12000,
     "瀛洲街道,后洲街道,义洲街道,新港街道,上海街道,苍霞街道,茶亭街道,洋中街道,鳌峰街道,宁化街道"},
    {"350104", "仓山区", "仓山", 119310000, 26025000, 25000,
     "仓前街道,东升街道,对湖街道,临江街道,上渡街道,下渡街道,三叉街街道,金山街道,盖山镇,建新镇,"
     "城门镇,螺洲镇"},
    {"350105", "马尾区", "马尾", 119445000, 25995000, 20000, "罗星街道,马尾镇,亭江镇,琅岐镇"},
    {"350111", "晋安区", "晋安", 119330000, 26100000, 22000,
     "茶园街道,王庄街道,象园街道,岳峰镇,鼓山镇,新店镇,宦溪镇"},
    {"350112", "长乐区", "长乐", 119523000, 25962000, 25000,
     "吴航街道,航城街道,营前街道,漳港街道,金峰镇,潭头镇,首占镇"},
    {"350121", "闽侯县", "闽侯", 119190000, 26070000, 30000,
     "甘蔗街道,上街镇,南屿镇,南通镇,青口镇,荆溪镇,祥谦镇"},
};

constexpr DistrictPlace kXiamenDistricts[] = {
    {"350203", "思明区", "思明", 118095000, 24465000, 20000,
     "中华街道,鹭江街道,开元街道,梧村街道,筼筜街道,莲前街道,嘉莲街道,厦港街道,滨海街道,鼓浪屿街道"},
    {"350205", "海沧区", "海沧", 118033000, 24485000, 20000, "海沧街道,新阳街道,嵩屿街道,东孚街道"},
    {"350206", "湖里区", "湖里", 118146000, 24512000, 18000,
     "湖里街道,殿前街道,禾山街道,江头街道,金山街道"},
    {"350211", "集美区", "集美", 118097000, 24576000, 25000,
     "集美街道,侨英街道,杏林街道,杏滨街道,灌口镇,后溪镇"},
    {"350212", "同安区", "同安", 118152000, 24723000, 25000,
     "大同街道,祥平街道,西柯街道,新民镇,洪塘镇,五显镇"},
    {"350213", "翔安区", "翔安", 118248000, 24619000, 25000,
     "新店街道,香山街道,金海街道,马巷街道,内厝镇,新圩镇"},
};

constexpr DistrictPlace kQuanzhouDistricts[] = {
    {"350502", "鲤城区", "鲤城", 118587000, 24908000, 12000,
     "开元街道,海滨街道,临江街道,鲤中街道,浮桥街道,江南街道,金龙街道,常泰街道"},
    {"350503", "丰泽区", "丰泽", 118613000, 24891000, 15000,
     "东湖街道,丰泽街道,泉秀街道,清源街道,华大街道,城东街道,东海街道,北峰街道"},
    {"350504", "洛江区", "洛江", 118671000, 24940000, 20000, "万安街道,双阳街道,河市镇,马甲镇"},
    {"350505", "泉港区", "泉港", 118916000, 25126000, 20000,
     "山腰街道,南埔镇,界山镇,后龙镇,峰尾镇"},
    {"350581", "石狮市", "石狮", 118648000, 24732000, 15000,
     "湖滨街道,凤里街道,灵秀镇,宝盖镇,蚶江镇,祥芝镇"},
    {"350582", "晋江市", "晋江", 118552000, 24781000, 30000,
     "青阳街道,梅岭街道,西园街道,罗山街道,新塘街道,池店镇,陈埭镇,安海镇,磁灶镇,内坑镇"},
    {"350583", "南安市", "南安", 118386000, 24960000, 30000,
     "溪美街道,柳城街道,美林街道,水头镇,官桥镇,石井镇,洪濑镇"},
};

constexpr CityPlace kCities[] = {
    {"350100", "福州市", "福州", "0591", "FZ", 24, kFuzhouDistricts,
     "五四路,八一七路,杨桥路,湖东路,古田路,华林路,六一路,福新路,连江路,晋安路,国货路,白马路,"
     "工业路,铜盘路,梅峰路,乌山路,津泰路,东大路,鼓屏路,温泉路,湖滨路,通湖路,则徐大道,金山大道,"
     "浦上大道,建新路,盘屿路,首山路,福马路,琴亭路,横屿路,化工路,岳峰路,塔头路,鹤林路,福飞路,"
     "西洪路,洪山路,交通路,群众路,台江路,上海路,达道路,学府路,高湖路,三江路,罗星路,长乐路,"
     "江滨大道,二环路",
     "东街口,南门兜,五一广场,福州火车站,火车南站,省立医院,协和医院,屏山,树兜,温泉公园,西湖,"
     "左海公园,三坊七巷,鼓山,福州大学,师大,洪山桥,金山,浦上,万达广场,宝龙城市广场,茶亭,中亭街,"
     "小桥,洋头口,茶园,白湖亭,城门,螺洲,盖山,上街,大学城,闽江学院,马尾港,罗星塔,营前,湖前,斗门,"
     "秀峰,凤坂,省体育中心,海峡会展中心,三叉街,橘园洲,金牛山,西门,北门,省图书馆,动物园,森林公园",
     "鼓山,快安,师大,紫阳,杨桥西路,五四北路,洋门,仓山,长乐,闽侯"},
    {"350200", "厦门市", "厦门", "0592", "XM", 20, kXiamenDistricts,
     "中山路,思明南路,思明北路,湖滨南路,湖滨北路,湖滨东路,厦禾路,嘉禾路,莲前西路,莲前东路,"
     "禾祥西路,仙岳路,吕岭路,环岛路,金尚路,枋湖路,江头北路,长浩路,云顶北路,文屏路,新阳大道,"
     "集美大道,杏林湾路,同集路,翔安南路,海沧大道,兴湖路,湖里大道,前埔路,成功大道,鹭江道,斗西路,"
     "槟榔路,体育路,育秀路,银江路,华荣路,马巷大道,银湖路,五缘湾道",
     "火车站,轮渡,中山公园,厦门大学,思北,湖滨一里,莲坂,江头,体育中心,会展中心,软件园二期,五缘湾,"
     "高崎机场,集美学村,园博苑,马巷,海沧湾公园,曾厝垵,白城,黄厝,前埔,瑞景,观音山,枋湖客运站,"
     "湖里公园,东渡,殿前,双十中学,第一码头,镇海路,万象城,嘉庚体育馆,同安汽车站,新店,洪塘,灌口,"
     "杏林,五通,高林,何厝",
     "鼓浪屿,洪文,湖里,溪东,集美,同安,海沧,翔安,思明,厦门大学"},
    {"350500", "泉州市", "泉州", "0595", "QZ", 23, kQuanzhouDistricts,
     "中山路,温陵路,泉秀路,丰泽街,刺桐路,田安路,津淮街,东街,西街,新华路,江滨北路,宝洲街,东海大街,"
     "云鹿路,少林路,湖心街,崇福路,坪山路,北峰路,世纪大道,泉安路,宝岛路,成功街,九一路,鲤中路,"
     "浦西路,安吉路,城东路,滨海街,晋江大道,泉南路,学府路,长兴路,笋江路,霞洲路,桂坛路,石鼓路,"
     "南环路,通港路,八一路",
     "开元寺,钟楼,文庙,涂门街,清源山,西湖公园,东湖公园,泉州师院,华侨大学,浦西万达,泉州火车站,"
     "客运中心站,刺桐大桥,顺济桥,洛阳桥,东海湾,丰泽广场,晋江机场,石狮服装城,南安市政府,安平桥,"
     "泉州一中,中心市场,新门街,天后宫,五店市,晋江体育中心,宝龙广场,津头埔,北峰,城东,湖心,田安,"
     "少林寺,海交馆,侨乡体育馆,洛江区政府,万安,双阳,池店",
     "清源山,万安,津头埔,涂山街,洛江,泉港,晋江,石狮,南安,惠安"},
};

const CityPlace& CityOf(const DistrictPlace& district) {
  for (const CityPlace& city : kCities) {
    if (district.code.substr(0, 4) == city.code.substr(0, 4)) return city;
  }
  return kCities[0];
}

// The districts a dataset's region stands for (see DemoDataset::region).
std::vector<const DistrictPlace*> DistrictsOf(std::string_view region) {
  std::vector<const DistrictPlace*> districts;
  for (const CityPlace& city : kCities) {
    for (const DistrictPlace& district : city.districts) {
      if (district.code == region) return {&district};
    }
  }
  for (const CityPlace& city : kCities) {
    if (city.code != region) continue;
    for (const DistrictPlace& district : city.districts) districts.push_back(&district);
    return districts;
  }
  for (const CityPlace& city : kCities) {
    for (const DistrictPlace& district : city.districts) districts.push_back(&district);
  }
  return districts;
}

std::string Coordinate(Random& random, int64_t centre, int64_t spread) {
  return FormatFixed(centre + random.Between(-spread, spread), 6);
}

// "五四路" -> "五四", "则徐大道" -> "则徐": the part of a road name used in stop names.
std::string_view RoadStem(std::string_view road) {
  for (std::string_view suffix : {"大道", "大街", "路", "街", "道"}) {
    if (road.ends_with(suffix)) return road.substr(0, road.size() - suffix.size());
  }
  return road;
}

std::string Address(Random& random, const DistrictPlace& district) {
  const CityPlace& city = CityOf(district);
  std::vector<std::string_view> roads = Words(city.roads);
  std::string address(city.name);
  address += district.name;
  address += random.Pick(roads);
  address += std::to_string(random.Between(1, 399)) + "号";
  return address;
}

std::string Landline(Random& random, const CityPlace& city) {
  static constexpr std::array<char, 4> kFirstDigits = {'2', '6', '8', '8'};
  std::string phone = std::string(city.area_code) + "-" + kFirstDigits[random.Below(4)];
  return phone + Digits(random, 7);
}

// 字号: the trade name of an enterprise, two characters.
constexpr std::string_view kTradeFirst =
    "恒,安,达,鸿,丰,盛,华,嘉,金,利,隆,美,明,瑞,顺,泰,天,万,祥,新,兴,信,耀,永,裕,源,振,志,中,宏,宝,"
    "昌,诚,德,东,福,富,冠,广,海,浩,豪,佳,建,杰,锦,晋,凯,力,良,龙,茂,南,鹏,奇,荣,胜,双,腾,伟";
constexpr std::string_view kTradeSecond =
    "安,邦,宝,昌,诚,达,鼎,发,丰,富,光,海,和,恒,宏,华,辉,佳,捷,金,锦,隆,茂,美,鹏,奇,荣,瑞,盛,顺,泰,"
    "通,威,鑫,兴,旭,扬,益,源,远,跃,泽,正,峰,升,翔,越,洲,林,晟";

std::string TradeName(Random& random) {
  static const std::vector<std::string_view> kFirst = Words(kTradeFirst);
  static const std::vector<std::string_view> kSecond = Words(kTradeSecond);
  std::string_view first = random.Pick(kFirst);
  std::string_view second = random.Pick(kSecond);
  while (second == first) second = random.Pick(kSecond);
  return std::string(first) + std::string(second);
}

// ---------------------------------------------------------------------------------------------
// Rows. Each kind fills the values it knows into a Fields, by item name; GenerateDemoTable then
// picks the resource's items from it.

struct Value {
  ItemType type = ItemType::kString;
  std::string text;
};

class Fields {
 public:
  void Clear() { values_.clear(); }
  void Set(std::string_view name, ItemType type, std::string text) {
    values_.push_back({name, Value{type, std::move(text)}});
  }
  const Value* Find(std::string_view name) const {
    for (const auto& [field, value] : values_) {
      if (field == name) return &value;
    }
    return nullptr;
  }

 private:
  std::vector<std::pair<std::string_view, Value>> values_;
};

class RowGenerator {
 public:
  virtual ~RowGenerator() = default;
  // Called for rows 0, 1, 2, ... in order.
  virtual void Row(size_t row, Fields* fields) = 0;
};

// ---- enterprises ----

class EnterpriseRows : public RowGenerator {
 public:
  EnterpriseRows(const DemoDataset& dataset, Random* random)
      : random_(*random),
        districts_(DistrictsOf(dataset.region)),
        transport_(dataset.concept_id == "road_transport_operators") {}

  void Row(size_t row, Fields* fields) override {
    const DistrictPlace& district = *districts_[random_.Below(districts_.size())];
    const CityPlace& city = CityOf(district);
    static const std::vector<std::string_view> kIndustries = Words(
        "鞋业,鞋服,纺织,服装,织造,食品,石材,陶瓷,茶业,工艺品,包装,机械,电子,光电,新材料,化工,"
        "卫浴,伞业,箱包,体育用品,贸易,物流,供应链管理,科技,信息技术,实业,建材,纸业,医疗器械,"
        "酒店管理");
    static const std::vector<std::string_view> kFreight =
        Words("物流,运输,汽车运输,货运,货物运输,供应链管理,冷链物流,集装箱运输");
    static const std::vector<std::string_view> kPassenger = Words("客运,旅游客运,汽车客运,巴士");
    const bool passenger = transport_ && random_.Chance(15);
    std::string name;
    do {
      static constexpr int kPrefixWeights[] = {60, 25, 15};
      switch (random_.Weighted(kPrefixWeights)) {
        case 0:
          name = city.short_name;
          break;
        case 1:
          name = district.short_name;
          break;
        default:
          name = "福建";
      }
      name += TradeName(random_);
      name +=
          transport_ ? random_.Pick(passenger ? kPassenger : kFreight) : random_.Pick(kIndustries);
      static constexpr int kSuffixWeights[] = {82, 6, 7, 5};
      static constexpr std::array<std::string_view, 4> kSuffixes = {
          "有限公司", "股份有限公司", "有限责任公司", "（中国）有限公司"};
      size_t suffix = random_.Weighted(kSuffixWeights);
      if (transport_ && suffix == 3) suffix = 0;
      name += kSuffixes[suffix];
    } while (!names_.insert(name).second);
    fields->Set("company_name", ItemType::kString, name);

    std::string uscc;
    do {
      uscc = "91" + std::string(district.code) + OrganizationCode(random_, 35);
      uscc += UsccCheckCharacter(uscc);
    } while (!codes_.insert(uscc).second);
    fields->Set("uscc", ItemType::kString, uscc);
    fields->Set("district", ItemType::kString, std::string(district.name));
    fields->Set("address", ItemType::kString, Address(random_, district));

    static const std::vector<std::string_view> kCountries = Words(
        "中国香港,中国台湾,新加坡,中国澳门,菲律宾,美国,日本,韩国,马来西亚,印度尼西亚,"
        "英属维尔京群岛,加拿大,澳大利亚,德国");
    static constexpr int kCountryWeights[] = {45, 14, 6, 5, 5, 4, 3, 3, 3, 3, 4, 2, 2, 1};
    fields->Set("investor_country", ItemType::kString,
                std::string(kCountries[random_.Weighted(kCountryWeights)]));
    // 万美元 in cents: most new enterprises are small, a few large.
    static constexpr int kSizeWeights[] = {60, 30, 10};
    static constexpr std::array<std::pair<int64_t, int64_t>, 3> kSizes = {
        {{1000, 30000}, {30000, 200000}, {200000, 2000000}}};
    const auto& [low, high] = kSizes[random_.Weighted(kSizeWeights)];
    const int64_t contract = random_.Between(low, high);
    const int64_t actual = random_.Chance(20) ? 0 : contract * random_.Between(10, 100) / 100;
    fields->Set("contract_fdi", ItemType::kDecimal, FormatFixed(contract, 2));
    fields->Set("actual_fdi", ItemType::kDecimal, FormatFixed(actual, 2));

    std::string permit;
    do {
      permit = "闽交运管许可" + std::string(city.short_name.substr(0, 3)) + "字" +
               std::string(district.code) + ZeroPadded(random_.Between(1, 999999), 6) + "号";
    } while (!codes_.insert(permit).second);
    fields->Set("permit_number", ItemType::kString, permit);
    static const std::vector<std::string_view> kFreightScopes = Words(
        "道路普通货物运输,道路普通货物运输；货物专用运输（集装箱）,"
        "道路普通货物运输；大型物件运输,道路危险货物运输（2类1项、3类）,道路危险货物运输（8类）,"
        "货物专用运输（冷藏保鲜）");
    static const std::vector<std::string_view> kPassengerScopes = Words(
        "县内班车客运；县际包车客运,市际包车客运；县际包车客运,省际班车客运；市际班车客运,"
        "旅游客运");
    fields->Set("business_scope", ItemType::kString,
                std::string(random_.Pick(passenger ? kPassengerScopes : kFreightScopes)));
    static constexpr int kFleetWeights[] = {70, 25, 5};
    static constexpr std::array<std::pair<int64_t, int64_t>, 3> kFleets = {
        {{1, 15}, {16, 80}, {81, 400}}};
    const auto& [fewest, most] = kFleets[random_.Weighted(kFleetWeights)];
    fields->Set("vehicle_count", ItemType::kInteger, std::to_string(random_.Between(fewest, most)));
  }

 private:
  Random& random_;
  std::vector<const DistrictPlace*> districts_;
  bool transport_;
  std::unordered_set<std::string> names_;
  std::unordered_set<std::string> codes_;
};

// ---- bus stops ----

class BusStopRows : public RowGenerator {
 public:
  BusStopRows(const DemoDataset& dataset, Random* random)
      : random_(*random), districts_(DistrictsOf(dataset.region)) {}

  void Row(size_t row, Fields* fields) override {
    // Most stops have a platform on each side of the road: the same name and routes twice, a
    // few tens of metres apart, under two ids.
    if (!opposite_pending_) {
      district_ = districts_[random_.Below(districts_.size())];
      name_ = NewName(CityOf(*district_));
      longitude_ = district_->longitude + random_.Between(-district_->spread, district_->spread);
      latitude_ = district_->latitude + random_.Between(-district_->spread, district_->spread);
      routes_ = Routes();
      shelter_ = random_.Chance(75);
      opposite_pending_ = random_.Chance(70);
    } else {
      longitude_ += random_.Between(-600, 600);
      const int64_t step = random_.Between(300, 800);
      latitude_ += random_.Chance(50) ? step : -step;
      shelter_ = random_.Chance(75);
      opposite_pending_ = false;
    }
    const CityPlace& city = CityOf(*district_);
    fields->Set("stop_id", ItemType::kString, std::string(city.letters) + ZeroPadded(row + 1, 5));
    fields->Set("stop_name", ItemType::kString, name_);
    fields->Set("longitude", ItemType::kDecimal, FormatFixed(longitude_, 6));
    fields->Set("latitude", ItemType::kDecimal, FormatFixed(latitude_, 6));
    fields->Set("route_names", ItemType::kString, routes_);
    fields->Set("district", ItemType::kString, std::string(district_->name));
    fields->Set("has_shelter", ItemType::kBoolean, shelter_ ? "true" : "false");
  }

 private:
  std::string NewName(const CityPlace& city) {
    std::vector<std::string_view> roads = Words(city.roads);
    std::vector<std::string_view> landmarks = Words(city.landmarks);
    static constexpr std::array<std::string_view, 4> kSides = {"东", "西", "南", "北"};
    static constexpr int kPatternWeights[] = {20, 15, 45, 10, 10};
    std::string name;
    for (int attempt = 0;; ++attempt) {
      switch (random_.Weighted(kPatternWeights)) {
        case 0:  // 东街口
          name = random_.Pick(landmarks);
          break;
        case 1:  // 工业路口
          name = std::string(random_.Pick(roads)) + "口";
          break;
        case 2: {  // 杨桥湖东路口
          std::string_view first = RoadStem(random_.Pick(roads));
          std::string_view second = RoadStem(random_.Pick(roads));
          if (first == second || first.size() < 6 || second.size() < 6) continue;
          name = std::string(first) + std::string(second) + "路口";
          break;
        }
        case 3:  // 华林路中段
          name = std::string(random_.Pick(roads)) + "中段";
          break;
        default:  // 西湖北
          name = random_.Pick(landmarks);
          name += kSides[random_.Below(4)];
      }
      // The name space is far larger than any demo; past that, a serial keeps names unique.
      if (attempt > 1000) name += std::to_string(names_.size());
      if (names_.insert(name).second) return name;
    }
  }

  std::string Routes() {
    static constexpr int kCountWeights[] = {15, 25, 25, 18, 10, 7};
    const size_t count = random_.Weighted(kCountWeights) + 1;
    std::vector<std::string> routes;
    while (routes.size() < count) {
      static constexpr int kKindWeights[] = {85, 10, 5};
      std::string route;
      switch (random_.Weighted(kKindWeights)) {
        case 0:
          route = std::to_string(random_.Between(1, 199)) + "路";
          break;
        case 1:
          route = "K" + std::to_string(random_.Between(1, 40)) + "路";
          break;
        default:
          route = "夜" + std::to_string(random_.Between(1, 12)) + "路";
      }
      if (std::find(routes.begin(), routes.end(), route) == routes.end()) routes.push_back(route);
    }
    std::string text;
    for (const std::string& route : routes) text += (text.empty() ? "" : ",") + route;
    return text;
  }

  Random& random_;
  std::vector<const DistrictPlace*> districts_;
  std::unordered_set<std::string> names_;
  bool opposite_pending_ = false;
  const DistrictPlace* district_ = nullptr;
  std::string name_;
  std::string routes_;
  int64_t longitude_ = 0;
  int64_t latitude_ = 0;
  bool shelter_ = false;
};

// ---- hourly air quality ----

// HJ 633-2012 Table 1: concentration limits for IAQI 0, 50, 100, 150, 200, 300, 400, 500, in
// µg/m³ (mg/m³ for CO). The hourly AQI here uses the 1-hour limits for SO2, NO2, CO and O3 and,
// as the standard has no 1-hour limits for particles, the 24-hour ones for PM2.5 and PM10. SO2's
// 1-hour limits stop at 800 (IAQI 200); above that the 24-hour limits apply, as the standard says.
using Breakpoints = std::array<int64_t, 8>;
constexpr Breakpoints kPm25Limits = {0, 35, 75, 115, 150, 250, 350, 500};
constexpr Breakpoints kPm10Limits = {0, 50, 150, 250, 350, 420, 500, 600};
constexpr Breakpoints kSo2Limits = {0, 150, 500, 650, 800, 1600, 2100, 2620};
constexpr Breakpoints kNo2Limits = {0, 100, 200, 700, 1200, 2340, 3090, 3840};
constexpr Breakpoints kCoLimits = {0, 5, 10, 35, 60, 90, 120, 150};
constexpr Breakpoints kO3Limits = {0, 160, 200, 300, 400, 800, 1000, 1200};
constexpr Breakpoints kIaqiSteps = {0, 50, 100, 150, 200, 300, 400, 500};

// IAQI of a concentration given in tenths of the unit, rounded up as HJ 633-2012 asks.
int64_t Iaqi(const Breakpoints& limits, int64_t tenths) {
  for (size_t step = 1; step < limits.size(); ++step) {
    if (tenths > limits[step] * 10) continue;
    const int64_t numerator =
        (kIaqiSteps[step] - kIaqiSteps[step - 1]) * (tenths - limits[step - 1] * 10);
    const int64_t denominator = (limits[step] - limits[step - 1]) * 10;
    return kIaqiSteps[step - 1] + (numerator + denominator - 1) / denominator;
  }
  return 500;
}

// Share of the daily mean at each hour, in percent: particles peak with the morning and evening
// traffic and the night inversion, NO2 with the rush hours, ozone in the afternoon sun.
constexpr std::array<int64_t, 24> kParticleCycle = {95,  92,  90,  88,  88,  92,  100, 110,
                                                    118, 115, 105, 95,  88,  84,  82,  84,
                                                    90,  100, 110, 116, 120, 118, 110, 102};
constexpr std::array<int64_t, 24> kNo2Cycle = {90,  85,  80,  78,  80,  90,  110, 135,
                                               140, 120, 100, 88,  80,  75,  72,  76,
                                               88,  110, 130, 135, 125, 115, 105, 95};
constexpr std::array<int64_t, 24> kO3Cycle = {55,  50,  45,  42,  40,  40,  45,  55,
                                              70,  90,  110, 130, 150, 165, 170, 165,
                                              150, 125, 100, 85,  75,  68,  62,  58};

class AirQualityRows : public RowGenerator {
 public:
  static constexpr int kDays = 30;

  AirQualityRows(const DemoDataset& dataset, Random* random) : random_(*random) {
    // Stations of the region's cities, taken in turn, at most ten.
    std::vector<const CityPlace*> cities;
    for (const DistrictPlace* district : DistrictsOf(dataset.region)) {
      const CityPlace* city = &CityOf(*district);
      if (std::find(cities.begin(), cities.end(), city) == cities.end()) cities.push_back(city);
    }
    std::vector<std::vector<std::string_view>> names;
    for (const CityPlace* city : cities) names.push_back(Words(city->stations));
    for (size_t rank = 0; stations_.size() < 10 && rank < 10; ++rank) {
      for (size_t city = 0; city < cities.size() && stations_.size() < 10; ++city) {
        if (rank >= names[city].size()) continue;
        Station station;
        station.name = names[city][rank];
        station.pm25_base = cities[city]->pm25_base;
        station.city = city;
        station.particles = random_.Between(85, 120);
        station.no2 = random_.Between(70, 150);
        station.o3 = random_.Between(85, 115);
        stations_.push_back(station);
      }
    }
    // Weather: a day-to-day persistent factor per city for particles, another for ozone.
    for (size_t city = 0; city < cities.size(); ++city) {
      std::array<int64_t, kDays> particles;
      std::array<int64_t, kDays> ozone;
      int64_t factor = random_.Between(60, 140);
      for (int day = 0; day < kDays; ++day) {
        factor = (6 * factor + 4 * random_.Between(40, 180)) / 10;
        particles[day] = factor;
        ozone[day] = random_.Between(70, 140);
      }
      particle_days_.push_back(particles);
      ozone_days_.push_back(ozone);
    }
    first_day_ = DaysFromCivil(2026, 4, 1);
  }

  void Row(size_t row, Fields* fields) override {
    const Station& station = stations_[row % stations_.size()];
    const size_t hour_index = row / stations_.size();
    const int day = static_cast<int>(hour_index / 24) % kDays;
    const int hour = static_cast<int>(hour_index % 24);
    auto noise = [&](int64_t value) { return value * random_.Between(88, 112) / 100; };
    const int64_t weather = particle_days_[station.city][day];

    int64_t pm25 = station.pm25_base * 10 * weather / 100;
    pm25 = noise(pm25 * kParticleCycle[hour] / 100 * station.particles / 100);
    pm25 = std::max<int64_t>(pm25, 20);
    const int64_t pm10 = pm25 * random_.Between(150, 190) / 100;
    int64_t no2 = 250 * (weather + 100) / 200;
    no2 = std::max<int64_t>(noise(no2 * kNo2Cycle[hour] / 100 * station.no2 / 100), 30);
    int64_t o3 = 750 * ozone_days_[station.city][day] / 100;
    o3 = std::max<int64_t>(noise(o3 * kO3Cycle[hour] / 100 * station.o3 / 100), 50);
    const int64_t so2 = noise(40 + pm25 / 10 + random_.Between(0, 20));
    const int64_t co = 4 + pm25 / 100 + random_.Between(0, 2);  // tenths of mg/m³
    int64_t aqi = Iaqi(kPm25Limits, pm25);
    aqi = std::max(aqi, Iaqi(kPm10Limits, pm10));
    aqi = std::max(aqi, Iaqi(kSo2Limits, so2));
    aqi = std::max(aqi, Iaqi(kNo2Limits, no2));
    aqi = std::max(aqi, Iaqi(kCoLimits, co));
    aqi = std::max(aqi, Iaqi(kO3Limits, o3));

    fields->Set("station", ItemType::kString, std::string(station.name));
    fields->Set("observe_time", ItemType::kDateTime,
                FormatDateTime(first_day_ + static_cast<int>(hour_index / 24), hour));
    fields->Set("aqi", ItemType::kInteger, std::to_string(aqi));
    fields->Set("pm25", ItemType::kDecimal, FormatFixed(pm25, 1));
    fields->Set("pm10", ItemType::kDecimal, FormatFixed(pm10, 1));
    fields->Set("o3", ItemType::kDecimal, FormatFixed(o3, 1));
    fields->Set("no2", ItemType::kDecimal, FormatFixed(no2, 1));
    fields->Set("so2", ItemType::kDecimal, FormatFixed(so2, 1));
    fields->Set("co", ItemType::kDecimal, FormatFixed(co, 1));
  }

 private:
  struct Station {
    std::string_view name;
    int64_t pm25_base = 0;
    size_t city = 0;
    int64_t particles = 100;  // percent of the city's level
    int64_t no2 = 100;
    int64_t o3 = 100;
  };

  Random& random_;
  std::vector<Station> stations_;
  std::vector<std::array<int64_t, kDays>> particle_days_;
  std::vector<std::array<int64_t, kDays>> ozone_days_;
  int first_day_ = 0;
};

// ---- medical institutions ----

class HospitalRows : public RowGenerator {
 public:
  HospitalRows(const DemoDataset& dataset, Random* random)
      : random_(*random), districts_(DistrictsOf(dataset.region)) {}

  void Row(size_t row, Fields* fields) override {
    const DistrictPlace& district = *districts_[random_.Below(districts_.size())];
    const CityPlace& city = CityOf(district);
    Facility facility;
    std::string name;
    for (int attempt = 0;; ++attempt) {
      facility = NewFacility(district, &name);
      if (attempt > 1000) name += "（" + std::to_string(row + 1) + "）";
      if (!name.empty() && names_.insert(name).second) break;
    }
    fields->Set("institution_name", ItemType::kString, name);
    fields->Set("category", ItemType::kString, std::string(facility.category));
    fields->Set("level", ItemType::kString, std::string(facility.level));
    fields->Set("district", ItemType::kString, std::string(district.name));

    // 医疗机构登记号: organization code, division, ownership (11 public, 12 private), category
    // code and serial.
    std::string license = OrganizationCode(random_, 100) + std::string(district.code) +
                          (facility.is_public ? "11" : "12") + std::string(facility.code) + "001";
    fields->Set("license_number", ItemType::kString, license);
    std::string insurance;
    do {
      insurance = "H" + std::string(district.code) + ZeroPadded(random_.Between(1, 99999), 5);
    } while (!codes_.insert(insurance).second);
    fields->Set("insurance_code", ItemType::kString, insurance);
    fields->Set("address", ItemType::kString, Address(random_, district));
    fields->Set("phone", ItemType::kString, Landline(random_, city));
    fields->Set("beds", ItemType::kInteger, std::to_string(facility.beds));
    fields->Set("longitude", ItemType::kDecimal,
                Coordinate(random_, district.longitude, district.spread));
    fields->Set("latitude", ItemType::kDecimal,
                Coordinate(random_, district.latitude, district.spread));
    fields->Set("cross_region_settlement", ItemType::kBoolean,
                random_.Chance(facility.settlement_percent) ? "true" : "false");
  }

 private:
  struct Facility {
    std::string_view category;  // 机构类别
    std::string_view code;      // its letter code in the registration number
    std::string_view level;     // 医院等级
    bool is_public = true;
    int64_t beds = 0;
    int settlement_percent = 40;  // chance of 异地就医直接结算
  };

  // One institution of a randomly chosen kind in `district`; an empty name when the district has
  // no place for the kind (a township health centre in a district of streets only).
  Facility NewFacility(const DistrictPlace& district, std::string* name) {
    name->clear();
    const CityPlace& city = CityOf(district);
    static constexpr std::array<std::string_view, 10> kNumbers = {"一", "二", "三", "四", "五",
                                                                  "六", "七", "八", "九", "十"};
    static const std::vector<std::string_view> kSpecialties =
        Words("眼科,口腔,骨科,妇产,肛肠,康复,精神,肿瘤,儿童,皮肤病");
    static const std::vector<std::string_view> kOutpatients = Words("口腔,中医,综合,医学影像,眼科");
    static const std::vector<std::string_view> kClinics =
        Words("口腔,中医,西医内科,中西医结合,全科");
    static const std::vector<std::string_view> kMinorLevels = Words("一级甲等,一级乙等,未定级");
    static const std::vector<std::string_view> kPrivateLevels = Words("二级乙等,一级甲等,未定级");
    static constexpr int kWeights[] = {4, 6, 10, 1, 3, 12, 2, 20, 8, 14, 20};
    Facility facility;
    std::vector<std::string_view> towns = Words(district.towns);
    std::string_view town = random_.Pick(towns);
    switch (random_.Weighted(kWeights)) {
      case 0:  // city general hospital
        *name = std::string(city.name) + "第" + std::string(kNumbers[random_.Below(10)]) + "医院";
        facility = {"综合医院",
                    "A1",
                    random_.Chance(70) ? "三级甲等" : "三级乙等",
                    true,
                    random_.Between(600, 2500),
                    100};
        break;
      case 1:  // district general hospital
        *name = std::string(district.name) + (random_.Chance(60) ? "医院" : "第二医院");
        facility = {"综合医院",
                    "A1",
                    random_.Chance(80) ? "二级甲等" : "二级乙等",
                    true,
                    random_.Between(150, 600),
                    95};
        break;
      case 2:  // private general hospital
        *name = std::string(city.short_name) + TradeName(random_) + "医院";
        facility = {"综合医院", "A1", random_.Pick(kPrivateLevels), false, random_.Between(50, 300),
                    60};
        break;
      case 3:  // city hospital of traditional Chinese medicine
        *name = std::string(city.name) + "中医院";
        facility = {"中医医院", "A2", "三级甲等", true, random_.Between(500, 1200), 100};
        break;
      case 4:
        *name = std::string(district.name) + "中医院";
        facility = {"中医医院", "A2", "二级甲等", true, random_.Between(100, 400), 90};
        break;
      case 5:  // specialist hospital
        *name = std::string(city.short_name) + TradeName(random_);
        *name += std::string(random_.Pick(kSpecialties)) + "医院";
        facility = {"专科医院", "A5", random_.Pick(kPrivateLevels), false, random_.Between(20, 300),
                    50};
        break;
      case 6:  // maternal and child health
        if (random_.Chance(30)) {
          *name = std::string(city.name) + "妇幼保健院";
          facility = {"妇幼保健院", "F1", "三级甲等", true, random_.Between(200, 900), 100};
        } else {
          *name = std::string(district.name) + "妇幼保健院";
          facility = {"妇幼保健院", "F1", "二级甲等", true, random_.Between(40, 150), 90};
        }
        break;
      case 7:  // community health service centre, in a street (街道)
        if (!town.ends_with("街道")) return facility;
        *name = std::string(district.name) + std::string(town) + "社区卫生服务中心";
        facility = {"社区卫生服务中心",     "B1", random_.Pick(kMinorLevels), true,
                    random_.Between(0, 60), 70};
        break;
      case 8:  // township health centre, in a town (镇)
        if (!town.ends_with("镇")) return facility;
        *name = std::string(district.name) + std::string(town) + "卫生院";
        facility = {"卫生院",
                    "C1",
                    random_.Chance(50) ? "一级甲等" : "一级乙等",
                    true,
                    random_.Between(20, 99),
                    60};
        break;
      case 9:
        *name = std::string(city.short_name) + TradeName(random_);
        *name += std::string(random_.Pick(kOutpatients)) + "门诊部";
        facility = {"门诊部", "D1", "未定级", false, 0, 20};
        break;
      default:
        *name = std::string(district.short_name) + TradeName(random_);
        *name += std::string(random_.Pick(kClinics)) + "诊所";
        facility = {"诊所", "E1", "未定级", false, 0, 10};
    }
    return facility;
  }

  Random& random_;
  std::vector<const DistrictPlace*> districts_;
  std::unordered_set<std::string> names_;
  std::unordered_set<std::string> codes_;
};

// ---- people: taxi drivers ----

// Division codes of residents' IDs (GB/T 2260, in force), mostly of 福州, weighted.
struct BirthPlace {
  std::string_view code;
  int weight;
};
constexpr BirthPlace kBirthPlaces[] = {
    {"350102", 8}, {"350103", 6}, {"350104", 7}, {"350105", 3}, {"350111", 7}, {"350121", 8},
    {"350122", 6}, {"350123", 3}, {"350124", 3}, {"350125", 4}, {"350181", 8}, {"350203", 1},
    {"350206", 1}, {"350502", 1}, {"350521", 1}, {"350524", 1}, {"350583", 1}, {"350302", 2},
    {"350322", 2}, {"350921", 2}, {"350922", 2}, {"350721", 1},
};

std::string PersonName(Random& random, bool male) {
  static const std::vector<std::string_view> kSurnames = Words(
      "陈,林,黄,张,吴,王,李,郑,刘,杨,许,蔡,洪,谢,郭,曾,邱,苏,庄,叶,周,江,何,游,詹,施,卢,方,魏,潘,"
      "余,朱,高,肖,傅,柯,翁,薛,严,欧阳");
  static constexpr int kSurnameWeights[] = {15, 12, 8, 5, 5, 4, 4, 4, 3, 3, 2, 2, 2, 2,
                                            2,  2,  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                            1,  1,  1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  static const std::vector<std::string_view> kMale = Words(
      "伟,强,军,斌,勇,杰,涛,明,辉,华,建,平,志,忠,文,海,峰,鹏,鑫,宇,晨,浩,磊,超,俊,东,龙,林,国,荣,"
      "金,福,德,清,水,生,祥,永,春,雄,坤,彬,毅,凯,航,铭,锋,昌,威,健");
  static const std::vector<std::string_view> kFemale = Words(
      "丽,敏,静,燕,芳,娟,霞,艳,玲,婷,雪,梅,琴,萍,红,英,慧,莉,秀,华,兰,凤,洁,倩,颖,琳,佳,欣,怡,晶,"
      "月,珍,娜,惠,玉,云,莹,婉,薇");
  const std::vector<std::string_view>& given = male ? kMale : kFemale;
  std::string name(kSurnames[random.Weighted(kSurnameWeights)]);
  std::string_view first = random.Pick(given);
  name += first;
  if (random.Chance(75)) {
    std::string_view second = random.Pick(given);
    while (second == first) second = random.Pick(given);
    name += second;
  }
  return name;
}

class DriverRows : public RowGenerator {
 public:
  DriverRows(const DemoDataset& dataset, Random* random)
      : random_(*random), districts_(DistrictsOf(dataset.region)) {
    const CityPlace& city = CityOf(*districts_.front());
    letters_ = city.letters;
    // Drivers work for a few dozen companies, some large.
    static const std::vector<std::string_view> kKinds =
        Words("出租汽车,出租汽车,出租汽车,汽车服务,客运,网约车科技");
    std::unordered_set<std::string> taken;
    while (companies_.size() < 24) {
      std::string company = std::string(city.short_name) + TradeName(random_);
      company += std::string(random_.Pick(kKinds)) + "有限公司";
      if (taken.insert(company).second) companies_.push_back(company);
    }
  }

  void Row(size_t row, Fields* fields) override {
    const bool male = random_.Chance(92);
    fields->Set("person_name", ItemType::kString, PersonName(random_, male));
    fields->Set("sex", ItemType::kString, male ? "男" : "女");

    // Aged 23 to 60 at the end of March 2026.
    const int birth_day =
        static_cast<int>(random_.Between(DaysFromCivil(1966, 1, 1), DaysFromCivil(2002, 12, 31)));
    std::chrono::year_month_day birth = CivilFromDays(birth_day);
    std::string id;
    do {
      static constexpr auto kWeights = [] {
        std::array<int, std::size(kBirthPlaces)> weights{};
        for (size_t index = 0; index < weights.size(); ++index) {
          weights[index] = kBirthPlaces[index].weight;
        }
        return weights;
      }();
      id = std::string(kBirthPlaces[random_.Weighted(kWeights)].code);
      id += FormatDate(birth_day).substr(0, 4) + FormatDate(birth_day).substr(5, 2) +
            FormatDate(birth_day).substr(8, 2);
      // The 17th digit is odd for men and even for women.
      id += ZeroPadded(random_.Between(1, 499) * 2 + (male ? 1 : 0), 3);
      id += CitizenIdCheckCharacter(id);
    } while (!codes_.insert(id).second);
    fields->Set("id_number", ItemType::kString, id);
    fields->Set("birth_date", ItemType::kDate, FormatDate(birth_day));
    static const std::vector<std::string_view> kEthnicities = Words("汉族,畲族,回族,满族");
    static constexpr int kEthnicityWeights[] = {96, 2, 1, 1};
    fields->Set("ethnicity", ItemType::kString,
                std::string(kEthnicities[random_.Weighted(kEthnicityWeights)]));

    static const std::vector<std::string_view> kMobilePrefixes = Words(
        "130,131,132,133,134,135,136,137,138,139,150,151,152,153,155,156,157,158,159,166,176,177,"
        "178,180,181,182,183,184,185,186,187,188,189,191,198,199");
    std::string mobile;
    do {
      mobile = random_.Pick(kMobilePrefixes);
      mobile += Digits(random_, 8);
    } while (!codes_.insert(mobile).second);
    fields->Set("mobile", ItemType::kString, mobile);

    const DistrictPlace& district = *districts_[random_.Below(districts_.size())];
    std::vector<std::string_view> towns = Words(district.towns);
    std::string_view town = random_.Pick(towns);
    std::string home = Address(random_, district);
    home += std::to_string(random_.Between(1, 30)) + "座";
    const int64_t floor = random_.Between(1, 28);
    home += std::to_string(floor * 100 + random_.Between(1, 6));
    fields->Set("home_address", ItemType::kString, home);
    std::vector<std::string_view> roads = Words(CityOf(district).roads);
    fields->Set("community", ItemType::kString,
                std::string(town) + std::string(RoadStem(random_.Pick(roads))) + "社区");

    // Licensed at 21 at the earliest, from 2010 on.
    const int earliest = std::max(
        DaysFromCivil(static_cast<int>(birth.year()) + 21, static_cast<unsigned>(birth.month()),
                      std::min(28u, static_cast<unsigned>(birth.day()))),
        DaysFromCivil(2010, 1, 1));
    const int issue_day = static_cast<int>(random_.Between(earliest, DaysFromCivil(2026, 3, 31)));
    fields->Set("issue_date", ItemType::kDate, FormatDate(issue_day));
    fields->Set("certificate_number", ItemType::kString,
                letters_ + FormatDate(issue_day).substr(0, 4) + ZeroPadded(row + 1, 6));
    // The smaller of two draws: the first companies employ the most drivers.
    const size_t first_draw = random_.Below(companies_.size());
    const size_t second_draw = random_.Below(companies_.size());
    fields->Set("company_name", ItemType::kString, companies_[std::min(first_draw, second_draw)]);
  }

 private:
  Random& random_;
  std::vector<const DistrictPlace*> districts_;
  std::string letters_;
  std::vector<std::string> companies_;
  std::unordered_set<std::string> codes_;
};

// ---------------------------------------------------------------------------------------------
// Kinds: which concepts, which items, how the file is written.

struct KindSpec {
  DemoDatasetKind kind;
  std::array<std::string_view, 2> concepts;  // in order of preference; "" for none
  // The items the kind fills, as name:type (the types of the values it writes).
  std::string_view items;
  std::string_view format;
  std::string_view encoding;
  size_t row_count;
  std::string_view version_note;
};

constexpr KindSpec kKinds[] = {
    {DemoDatasetKind::kEnterprises,
     {"foreign_investment", "road_transport_operators"},
     "company_name:string,uscc:string,district:string,address:string,investor_country:string,"
     "contract_fdi:decimal,actual_fdi:decimal,permit_number:string,business_scope:string,"
     "vehicle_count:integer",
     "csv",
     "utf-8",
     2000,
     "2026年第一季度"},
    {DemoDatasetKind::kBusStops,
     {"bus_stops", ""},
     "stop_id:string,stop_name:string,longitude:decimal,latitude:decimal,route_names:string,"
     "district:string,has_shelter:boolean",
     "csv",
     "gb18030",
     1500,
     "2026年3月更新"},
    {DemoDatasetKind::kAirQuality,
     {"air_quality_hourly", ""},
     "station:string,observe_time:datetime,aqi:integer,pm25:decimal,pm10:decimal,o3:decimal,"
     "no2:decimal,so2:decimal,co:decimal",
     "ndjson",
     "utf-8",
     10 * AirQualityRows::kDays * 24,
     "2026年4月"},
    {DemoDatasetKind::kHospitals,
     {"medical_institutions", "designated_hospitals"},
     "institution_name:string,license_number:string,category:string,level:string,address:string,"
     "phone:string,beds:integer,longitude:decimal,latitude:decimal,insurance_code:string,"
     "cross_region_settlement:boolean,district:string",
     "xlsx",
     "",
     300,
     "2026年第一季度"},
    {DemoDatasetKind::kDrivers,
     {"taxi_drivers", ""},
     "person_name:string,id_number:string,sex:string,birth_date:date,ethnicity:string,"
     "mobile:string,home_address:string,community:string,certificate_number:string,"
     "issue_date:date,company_name:string",
     "csv",
     "utf-8-bom",
     1000,
     "截至2026年3月31日"},
};

const KindSpec& SpecOf(DemoDatasetKind kind) {
  for (const KindSpec& spec : kKinds) {
    if (spec.kind == kind) return spec;
  }
  return kKinds[0];
}

// Whether values of type `value` may be written to an item of type `item`.
bool Fits(ItemType value, ItemType item) {
  return value == item || item == ItemType::kString ||
         (value == ItemType::kInteger && item == ItemType::kDecimal);
}

// Whether the kind fills `item` with values that fit its type.
bool KindFills(const KindSpec& spec, const Item& item) {
  for (std::string_view entry : Words(spec.items)) {
    size_t colon = entry.find(':');
    if (entry.substr(0, colon) != item.name) continue;
    std::optional<ItemType> type = ParseItemType(entry.substr(colon + 1));
    return type && Fits(*type, item.type);
  }
  return false;
}

std::unique_ptr<RowGenerator> MakeRows(const DemoDataset& dataset, Random* random) {
  switch (dataset.kind) {
    case DemoDatasetKind::kEnterprises:
      return std::make_unique<EnterpriseRows>(dataset, random);
    case DemoDatasetKind::kBusStops:
      return std::make_unique<BusStopRows>(dataset, random);
    case DemoDatasetKind::kAirQuality:
      return std::make_unique<AirQualityRows>(dataset, random);
    case DemoDatasetKind::kHospitals:
      return std::make_unique<HospitalRows>(dataset, random);
    case DemoDatasetKind::kDrivers:
      return std::make_unique<DriverRows>(dataset, random);
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Encoding.

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. Hand-written:
// a few lines, where a CSV library would be a new dependency.
void AppendCsvField(std::string_view text, std::string* out) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(text);
    return;
  }
  out->push_back('"');
  for (char symbol : text) {
    if (symbol == '"') out->push_back('"');
    out->push_back(symbol);
  }
  out->push_back('"');
}

std::string CsvText(const DemoTable& table, std::string_view line_end) {
  std::string text;
  auto append_row = [&](const std::vector<std::string>& cells) {
    for (size_t column = 0; column < cells.size(); ++column) {
      if (column > 0) text.push_back(',');
      AppendCsvField(cells[column], &text);
    }
    text.append(line_end);
  };
  append_row(table.columns);
  for (const std::vector<std::string>& row : table.rows) append_row(row);
  return text;
}

std::string JsonString(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AppendJsonObject(const DemoTable& table, const std::vector<std::string>& row,
                      std::string* out) {
  out->push_back('{');
  for (size_t column = 0; column < table.columns.size(); ++column) {
    if (column > 0) out->push_back(',');
    out->append(JsonString(table.columns[column]));
    out->push_back(':');
    const ItemType type = table.types[column];
    if (type == ItemType::kInteger || type == ItemType::kDecimal || type == ItemType::kBoolean) {
      out->append(row[column]);  // already in JSON's spelling
    } else {
      out->append(JsonString(row[column]));
    }
  }
  out->push_back('}');
}

// UTF-8 text in GB18030, refusing any character outside its two-byte GBK part so that the file
// also reads as GBK. ICU converts; the GBK check is a scan for GB18030's four-byte form (a
// second byte 0x30-0x39).
Result<std::string> ToGbk(std::string_view utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> converter(ucnv_open("GB18030", &error),
                                                               ucnv_close);
  if (U_FAILURE(error)) {
    return Status::Internal(std::string("cannot open the GB18030 converter: ") +
                            u_errorName(error));
  }
  ucnv_setFromUCallBack(converter.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                        &error);
  std::string encoded(static_cast<size_t>(text.length()) * 4 + 16, '\0');
  const int32_t length =
      ucnv_fromUChars(converter.get(), encoded.data(), static_cast<int32_t>(encoded.size()),
                      text.getBuffer(), text.length(), &error);
  if (U_FAILURE(error)) {
    return Status::InvalidArgument(std::string("text cannot be encoded in GB18030: ") +
                                   u_errorName(error));
  }
  encoded.resize(static_cast<size_t>(length));
  for (size_t index = 0; index < encoded.size(); ++index) {
    const auto lead = static_cast<unsigned char>(encoded[index]);
    if (lead < 0x81) continue;
    const auto trail =
        index + 1 < encoded.size() ? static_cast<unsigned char>(encoded[index + 1]) : 0;
    if (trail >= 0x30 && trail <= 0x39) {
      return Status::InvalidArgument("text holds a character outside GBK, at byte " +
                                     std::to_string(index));
    }
    ++index;
  }
  return encoded;
}

Status WriteBytes(const std::string& path, std::string_view bytes) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return Status::Internal("cannot create " + path + ": " + std::strerror(errno));
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) return Status::Internal("cannot write " + path + ": " + std::strerror(errno));
  return Status::Ok();
}

Status WriteText(const DemoDataset& dataset, const DemoTable& table, const std::string& path) {
  std::string text;
  if (dataset.format == "csv") {
    text = CsvText(table, dataset.encoding == "gb18030" ? "\r\n" : "\n");
  } else if (dataset.format == "ndjson") {
    for (const std::vector<std::string>& row : table.rows) {
      AppendJsonObject(table, row, &text);
      text.push_back('\n');
    }
  } else {  // json
    text = "[\n";
    for (size_t row = 0; row < table.rows.size(); ++row) {
      AppendJsonObject(table, table.rows[row], &text);
      text += row + 1 < table.rows.size() ? ",\n" : "\n";
    }
    text += "]\n";
  }
  if (dataset.encoding == "utf-8-bom") text.insert(0, "\xEF\xBB\xBF");
  if (dataset.encoding == "gb18030") {
    Result<std::string> encoded = ToGbk(text);
    if (!encoded.ok()) return encoded.status();
    text = std::move(*encoded);
  }
  return WriteBytes(path, text);
}

// Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" as GenerateDemoTable writes them.
lxw_datetime ParseDateTime(std::string_view text) {
  auto number = [&](size_t position, size_t length) {
    int value = 0;
    std::from_chars(text.data() + position, text.data() + position + length, value);
    return value;
  };
  lxw_datetime datetime{number(0, 4), number(5, 2), number(8, 2), 0, 0, 0.0};
  if (text.size() >= 19) {
    datetime.hour = number(11, 2);
    datetime.min = number(14, 2);
    datetime.sec = number(17, 2);
  }
  return datetime;
}

// The workbook of libxlsxwriter: one sheet "数据" with a bold header row. Numbers, booleans and
// dates are stored as such, dates with a date number format; the document's creation time is
// fixed so that the bytes depend on the data only.
Status WriteXlsx(const DemoDataset& dataset, const DemoTable& table, const std::string& path) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) return Status::Internal("cannot create workbook " + path);
  std::string title = dataset.resource_name;
  std::string subject = dataset.version_note;
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.subject = subject.data();
  properties.created = static_cast<time_t>(DaysFromCivil(2026, 4, 1)) * 86400;
  workbook_set_properties(workbook, &properties);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "数据");
  lxw_format* header = workbook_add_format(workbook);
  format_set_bold(header);
  lxw_format* date = workbook_add_format(workbook);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* datetime = workbook_add_format(workbook);
  format_set_num_format(datetime, "yyyy-mm-dd hh:mm:ss");

  lxw_error error = LXW_NO_ERROR;
  auto keep = [&](lxw_error result) {
    if (error == LXW_NO_ERROR) error = result;
  };
  for (size_t column = 0; column < table.columns.size(); ++column) {
    const auto col = static_cast<lxw_col_t>(column);
    const bool text = table.types[column] == ItemType::kString;
    keep(worksheet_set_column(sheet, col, col, text ? 24 : 14, nullptr));
    keep(worksheet_write_string(sheet, 0, col, table.columns[column].c_str(), header));
  }
  worksheet_freeze_panes(sheet, 1, 0);
  for (size_t row = 0; row < table.rows.size(); ++row) {
    const auto sheet_row = static_cast<lxw_row_t>(row + 1);
    for (size_t column = 0; column < table.columns.size(); ++column) {
      const auto col = static_cast<lxw_col_t>(column);
      const std::string& cell = table.rows[row][column];
      switch (table.types[column]) {
        case ItemType::kInteger:
        case ItemType::kDecimal: {
          double number = 0;
          std::from_chars(cell.data(), cell.data() + cell.size(), number);
          keep(worksheet_write_number(sheet, sheet_row, col, number, nullptr));
          break;
        }
        case ItemType::kBoolean:
          keep(worksheet_write_boolean(sheet, sheet_row, col, cell == "true", nullptr));
          break;
        case ItemType::kDate:
        case ItemType::kDateTime: {
          lxw_datetime value = ParseDateTime(cell);
          keep(worksheet_write_datetime(sheet, sheet_row, col, &value,
                                        table.types[column] == ItemType::kDate ? date : datetime));
          break;
        }
        case ItemType::kString:
          keep(worksheet_write_string(sheet, sheet_row, col, cell.c_str(), nullptr));
      }
    }
  }
  const lxw_error closed = workbook_close(workbook);
  keep(closed);
  if (error != LXW_NO_ERROR) {
    return Status::Internal("cannot write workbook " + path + ": " + lxw_strerror(error));
  }
  return Status::Ok();
}

Status CheckFormat(const DemoDataset& dataset) {
  const std::string& format = dataset.format;
  const std::string& encoding = dataset.encoding;
  const bool ok = (format == "csv" &&
                   (encoding == "utf-8" || encoding == "utf-8-bom" || encoding == "gb18030")) ||
                  ((format == "json" || format == "ndjson") && encoding == "utf-8") ||
                  (format == "xlsx" && encoding.empty());
  if (ok) return Status::Ok();
  return Status::InvalidArgument("unknown format or encoding: \"" + format + "\" in \"" + encoding +
                                 "\"");
}

}  // namespace

std::string_view DemoDatasetKindName(DemoDatasetKind kind) {
  switch (kind) {
    case DemoDatasetKind::kEnterprises:
      return "enterprises";
    case DemoDatasetKind::kBusStops:
      return "bus_stops";
    case DemoDatasetKind::kAirQuality:
      return "air_quality";
    case DemoDatasetKind::kHospitals:
      return "hospitals";
    case DemoDatasetKind::kDrivers:
      return "drivers";
  }
  return "";
}

std::vector<DemoDataset> DemoDatasets(const std::vector<DemoResource>& resources, uint64_t seed) {
  std::vector<DemoDataset> datasets;
  for (const KindSpec& spec : kKinds) {
    const DemoResource* chosen = nullptr;
    size_t chosen_index = 0;
    std::pair<bool, size_t> chosen_rank;  // (not registered, concept position): lower is better
    for (size_t index = 0; index < resources.size(); ++index) {
      const DemoResource& demo = resources[index];
      auto position = std::find(spec.concepts.begin(), spec.concepts.end(), demo.concept_id);
      if (demo.concept_id.empty() || position == spec.concepts.end()) continue;
      bool fills_all = true;
      for (const Item& item : demo.resource.items) fills_all &= KindFills(spec, item);
      if (!fills_all || demo.resource.items.empty()) continue;
      std::pair<bool, size_t> rank(demo.stage != DemoStage::kCoded,
                                   static_cast<size_t>(position - spec.concepts.begin()));
      if (chosen == nullptr || rank < chosen_rank) {
        chosen = &demo;
        chosen_index = index;
        chosen_rank = rank;
      }
    }
    if (chosen == nullptr) continue;
    DemoDataset dataset;
    dataset.kind = spec.kind;
    dataset.resource_index = chosen_index;
    dataset.resource_id = chosen->resource.id;
    dataset.resource_name = chosen->resource.name;
    dataset.concept_id = chosen->concept_id;
    dataset.region =
        chosen->resource.spatial.empty() ? chosen->resource.region : chosen->resource.spatial;
    dataset.items = chosen->resource.items;
    dataset.format = spec.format;
    dataset.encoding = spec.encoding;
    dataset.row_count = spec.row_count;
    dataset.version_note = spec.version_note;
    dataset.file_name = dataset.concept_id + "." + dataset.format;
    dataset.seed = seed;
    datasets.push_back(std::move(dataset));
  }
  return datasets;
}

Result<DemoTable> GenerateDemoTable(const DemoDataset& dataset) {
  static constexpr size_t kMaxRows = 1000000;
  if (dataset.row_count == 0 || dataset.row_count > kMaxRows) {
    return Status::InvalidArgument("row_count must be 1 to 1000000, got " +
                                   std::to_string(dataset.row_count));
  }
  if (dataset.items.empty()) return Status::InvalidArgument("the dataset has no items");
  const KindSpec& spec = SpecOf(dataset.kind);
  DemoTable table;
  for (const Item& item : dataset.items) {
    if (!KindFills(spec, item)) {
      return Status::InvalidArgument(
          "demo data of kind " + std::string(DemoDatasetKindName(dataset.kind)) +
          " has no values of type " + std::string(ItemTypeName(item.type)) + " for item " +
          item.name);
    }
    table.columns.push_back(item.name);
    table.types.push_back(item.type);
  }
  Random random(dataset.seed, static_cast<uint64_t>(dataset.kind) + 1);
  std::unique_ptr<RowGenerator> rows = MakeRows(dataset, &random);
  Fields fields;
  table.rows.reserve(dataset.row_count);
  for (size_t row = 0; row < dataset.row_count; ++row) {
    fields.Clear();
    rows->Row(row, &fields);
    std::vector<std::string> cells;
    cells.reserve(dataset.items.size());
    for (const Item& item : dataset.items) {
      const Value* value = fields.Find(item.name);
      // KindFills above vouches for the name and type; a miss is a bug of the kind's spec.
      if (value == nullptr || !Fits(value->type, item.type)) {
        return Status::Internal("demo kind " + std::string(DemoDatasetKindName(dataset.kind)) +
                                " did not fill item " + item.name + " as its spec says");
      }
      cells.push_back(value->text);
    }
    table.rows.push_back(std::move(cells));
  }
  return table;
}

Status WriteDemoDatasetFile(const DemoDataset& dataset, const std::string& path) {
  GONGSHU_RETURN_IF_ERROR(CheckFormat(dataset));
  Result<DemoTable> table = GenerateDemoTable(dataset);
  if (!table.ok()) return table.status();
  if (dataset.format == "xlsx") return WriteXlsx(dataset, *table, path);
  return WriteText(dataset, *table, path);
}

Result<std::vector<DemoBadRow>> WriteDemoDatasetWithBadRows(const DemoDataset& dataset,
                                                            const std::string& path) {
  GONGSHU_RETURN_IF_ERROR(CheckFormat(dataset));
  if (dataset.format != "csv") {
    return Status::InvalidArgument("bad rows are written to csv files only, not " + dataset.format);
  }
  if (dataset.row_count < 10) {
    return Status::InvalidArgument("bad rows need at least 10 rows, got " +
                                   std::to_string(dataset.row_count));
  }
  Result<DemoTable> generated = GenerateDemoTable(dataset);
  if (!generated.ok()) return generated.status();
  DemoTable& table = *generated;
  size_t numeric = table.columns.size();
  for (size_t column = 0; column < table.columns.size(); ++column) {
    if (table.types[column] == ItemType::kInteger || table.types[column] == ItemType::kDecimal) {
      numeric = column;
      break;
    }
  }
  if (numeric == table.columns.size()) {
    return Status::InvalidArgument("bad rows need a decimal or integer column");
  }
  const size_t count = table.rows.size();
  const size_t not_a_number = count / 10;
  const size_t ragged = count / 2;
  const size_t no_id = count * 4 / 5;
  std::vector<DemoBadRow> bad;

  std::string& number = table.rows[not_a_number - 1][numeric];
  number = "东经" + number;
  bad.push_back({not_a_number + 1, table.columns[numeric],
                 table.columns[numeric] + " is not a number: \"" + number + "\""});
  std::vector<std::string>& short_row = table.rows[ragged - 1];
  short_row.pop_back();
  bad.push_back({ragged + 1, table.columns.back(),
                 std::to_string(short_row.size()) + " fields, the header has " +
                     std::to_string(table.columns.size())});
  table.rows[no_id - 1][0].clear();
  bad.push_back({no_id + 1, table.columns[0], table.columns[0] + " is empty"});

  GONGSHU_RETURN_IF_ERROR(WriteText(dataset, table, path));
  return bad;
}

}  // namespace gongshu
