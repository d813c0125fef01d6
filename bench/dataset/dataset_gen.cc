// dataset_gen: writes the CSV of the dataset benchmark (bench/dataset/run_dataset_bench.sh): a
// service-request register of N rows and 10 columns, about 136 bytes a row (5,000,000 rows are
// about 680 MB), UTF-8 without a byte order mark, LF line ends, a header row.
//
//   record_id     integer   1..N in order
//   person_name   string    a Chinese name of 2 or 3 characters (masked in the benchmark)
//   mobile        string    11 digits, 13x..19x (masked in the benchmark)
//   district      string    one of the 13 districts and counties of Fuzhou
//   category      string    one of 16 service categories
//   amount        decimal   0.00..99999.99, two decimals
//   quantity      integer   0..999
//   submitted_at  datetime  2020-01-01 00:00:00 .. 2025-12-31 23:59:59
//   verified      boolean   true | false
//   service_hall  string    the service hall and counter, e.g. 福州市鼓楼区政务服务中心A12窗口;
//                           empty (a null) in 1 row of 50
//
// Every value fits its type as gongshu checks it (src/tabular/column_type.h), and no value holds
// a comma, a quote or a line break, so the file needs no quoting and reads the same in gongshu and
// in sqlite3's .import. The rows come from a fixed-seed splitmix64 sequence per row, so the
// file is the same, byte for byte, on every machine and every run for a given row count and seed.
//
// usage: dataset_gen --rows N --output FILE [--seed S]     (FILE "-" is standard output)
#include <cerrno>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

// One generator per row: splitmix64 (Steele, Lea, Flood 2014) over seed and row number.
class RowRandom {
 public:
  RowRandom(uint64_t seed, uint64_t row) : state_(seed * 0x9E3779B97F4A7C15ULL ^ row) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound) (the modulo bias is irrelevant for bounds this small).
  uint64_t Below(uint64_t bound) { return Next() % bound; }

 private:
  uint64_t state_;
};

constexpr std::string_view kSurnames[] = {
    "陈", "林", "黄", "张", "李", "王", "吴", "刘", "郑", "杨", "蔡", "许", "何", "郭", "谢", "江",
};
constexpr std::string_view kGiven[] = {
    "明", "华", "芳", "强", "丽", "伟", "静", "磊", "敏", "军", "洁", "勇", "艳", "杰", "娟", "涛",
    "霞", "鹏", "婷", "斌", "颖", "峰", "琳", "超", "燕", "辉", "慧", "建", "玲", "平", "晨", "宇",
};
constexpr std::string_view kDistricts[] = {
    "鼓楼区", "台江区", "仓山区", "晋安区", "马尾区", "长乐区", "福清市",
    "闽侯县", "连江县", "罗源县", "闽清县", "永泰县", "平潭县",
};
constexpr std::string_view kCategories[] = {
    "户籍办理", "社保查询", "公积金提取", "医保报销", "交通违法处理", "不动产登记",
    "营业执照", "税务申报", "出入境证件", "婚姻登记", "教育入学",     "住房保障",
    "就业创业", "养老服务", "市场监管",   "环境投诉",
};
constexpr std::string_view kMobilePrefixes[] = {
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
    "151", "152", "153", "155", "156", "157", "158", "159", "166", "177",
    "180", "181", "186", "188", "189", "191", "198", "199",
};
constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

template <size_t N>
std::string_view Pick(const std::string_view (&values)[N], RowRandom& random) {
  return values[random.Below(N)];
}

void AppendNumber(std::string& out, uint64_t value, int width = 0) {
  char digits[24];
  int length = std::snprintf(digits, sizeof(digits), "%0*" PRIu64, width, value);
  out.append(digits, static_cast<size_t>(length));
}

void AppendRow(std::string& out, uint64_t seed, uint64_t row) {
  RowRandom random(seed, row);
  AppendNumber(out, row);
  out += ',';
  out += Pick(kSurnames, random);
  out += Pick(kGiven, random);
  if (random.Below(3) != 0) out += Pick(kGiven, random);
  out += ',';
  out += Pick(kMobilePrefixes, random);
  AppendNumber(out, random.Below(100000000), 8);
  out += ',';
  std::string_view district = Pick(kDistricts, random);
  out += district;
  out += ',';
  out += Pick(kCategories, random);
  out += ',';
  uint64_t cents = random.Below(10000000);
  AppendNumber(out, cents / 100);
  out += '.';
  AppendNumber(out, cents % 100, 2);
  out += ',';
  AppendNumber(out, random.Below(1000));
  out += ',';
  // Years 2020..2025, days 1..28 of months with 28 or more: always a real date.
  uint64_t month = random.Below(12);
  AppendNumber(out, 2020 + random.Below(6));
  out += '-';
  AppendNumber(out, month + 1, 2);
  out += '-';
  AppendNumber(out, 1 + random.Below(static_cast<uint64_t>(kMonthDays[month])), 2);
  out += ' ';
  AppendNumber(out, random.Below(24), 2);
  out += ':';
  AppendNumber(out, random.Below(60), 2);
  out += ':';
  AppendNumber(out, random.Below(60), 2);
  out += ',';
  out += random.Below(4) != 0 ? "true" : "false";
  out += ',';
  if (random.Below(50) != 0) {
    out += "福州市";
    out += district;
    out += "政务服务中心";
    out += static_cast<char>('A' + random.Below(6));
    AppendNumber(out, 1 + random.Below(40));
    out += "窗口";
  }
  out += '\n';
}

bool ParseCount(const char* text, uint64_t* value) {
  if (text == nullptr || *text < '0' || *text > '9') return false;
  char* end = nullptr;
  errno = 0;
  unsigned long long parsed = std::strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0') return false;
  *value = parsed;
  return true;
}

int Usage() {
  std::fputs("usage: dataset_gen --rows N --output FILE [--seed S]\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t rows = 0;
  uint64_t seed = 20261124;
  const char* output = nullptr;
  bool have_rows = false;
  for (int index = 1; index < argc; ++index) {
    std::string_view flag = argv[index];
    const char* value = index + 1 < argc ? argv[index + 1] : nullptr;
    if (flag == "--rows") {
      if (!ParseCount(value, &rows)) return Usage();
      have_rows = true;
    } else if (flag == "--seed") {
      if (!ParseCount(value, &seed)) return Usage();
    } else if (flag == "--output") {
      if (value == nullptr) return Usage();
      output = value;
    } else {
      return Usage();
    }
    ++index;
  }
  if (!have_rows || output == nullptr) return Usage();
  FILE* file = std::strcmp(output, "-") == 0 ? stdout : std::fopen(output, "wb");
  if (file == nullptr) {
    std::fprintf(stderr, "dataset_gen: cannot create %s: %s\n", output, std::strerror(errno));
    return 1;
  }
  std::string buffer =
      "record_id,person_name,mobile,district,category,amount,quantity,submitted_at,verified,"
      "service_hall\n";
  constexpr size_t kFlushBytes = size_t{1} << 20;
  buffer.reserve(kFlushBytes + 4096);
  bool ok = true;
  for (uint64_t row = 1; row <= rows && ok; ++row) {
    AppendRow(buffer, seed, row);
    if (buffer.size() >= kFlushBytes || row == rows) {
      ok = std::fwrite(buffer.data(), 1, buffer.size(), file) == buffer.size();
      buffer.clear();
    }
  }
  if (rows == 0) ok = std::fwrite(buffer.data(), 1, buffer.size(), file) == buffer.size();
  if (file == stdout ? std::fflush(file) != 0 : std::fclose(file) != 0) ok = false;
  if (!ok) {
    std::fprintf(stderr, "dataset_gen: writing %s failed: %s\n", output, std::strerror(errno));
    return 1;
  }
  return 0;
}
