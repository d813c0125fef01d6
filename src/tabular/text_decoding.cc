#include "tabular/text_decoding.h"

#include <fcntl.h>
#include <unicode/ucnv.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <vector>

namespace gongshu::tabular {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

bool StartsWithUtf16Bom(std::string_view bytes) {
  return bytes.size() >= 2 &&
         ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
}

// read(2) until `capacity` bytes or the end of the file; returns the count or -1 (errno set).
ssize_t ReadFully(int file, char* out, std::size_t capacity) {
  std::size_t total = 0;
  while (total < capacity) {
    ssize_t got = ::read(file, out + total, capacity - total);
    if (got < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (got == 0) break;
    total += static_cast<std::size_t>(got);
  }
  return static_cast<ssize_t>(total);
}

}  // namespace

std::string_view TextEncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8:
      return "utf-8";
    case TextEncoding::kUtf8WithBom:
      return "utf-8-bom";
    case TextEncoding::kGb18030:
      return "gb18030";
  }
  return "utf-8";
}

// Written by hand: ICU validates only whole strings, and a chunked reader must tell a character
// cut by the chunk end (kTruncated) from bytes that are wrong (kInvalid). The second-byte ranges
// are those of Unicode Table 3-7 (well-formed UTF-8 byte sequences).
Utf8Scan ScanUtf8(std::string_view bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t size = bytes.size();
  std::size_t index = 0;
  while (index < size) {
    // ASCII runs, 16 bytes per step (most tables are mostly ASCII), then 8 at a time up to the
    // first byte with its high bit set.
    while (index + 16 <= size) {
      std::uint64_t first = 0;
      std::uint64_t second = 0;
      std::memcpy(&first, data + index, 8);
      std::memcpy(&second, data + index + 8, 8);
      if (((first | second) & kHighBits) != 0) break;
      index += 16;
    }
    while (index + 8 <= size) {
      std::uint64_t word = 0;
      std::memcpy(&word, data + index, 8);
      const std::uint64_t high = word & kHighBits;
      if (high == 0) {
        index += 8;
        continue;
      }
      if constexpr (std::endian::native == std::endian::little) {
        index += static_cast<std::size_t>(std::countr_zero(high)) / 8;
      }
      break;
    }
    if (index >= size) break;
    const unsigned char lead = data[index];
    if (lead < 0x80) {
      ++index;
      continue;
    }
    std::size_t length = 0;
    unsigned char second_low = 0x80;
    unsigned char second_high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) second_low = 0xA0;   // no overlong forms
      if (lead == 0xED) second_high = 0x9F;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) second_low = 0x90;   // no overlong forms
      if (lead == 0xF4) second_high = 0x8F;  // nothing above U+10FFFF
    } else {
      return {index, Utf8Scan::End::kInvalid};
    }
    const std::size_t available = std::min(length, size - index);
    for (std::size_t offset = 1; offset < available; ++offset) {
      const unsigned char next = data[index + offset];
      const bool in_range =
          offset == 1 ? next >= second_low && next <= second_high : next >= 0x80 && next <= 0xBF;
      if (!in_range) return {index, Utf8Scan::End::kInvalid};
    }
    if (available < length) return {index, Utf8Scan::End::kTruncated};
    index += length;
  }
  return {size, Utf8Scan::End::kComplete};
}

TextEncoding DetectTextEncoding(std::string_view sample, bool sample_is_whole_file) {
  if (sample.substr(0, kUtf8Bom.size()) == kUtf8Bom) return TextEncoding::kUtf8WithBom;
  Utf8Scan scan = ScanUtf8(sample);
  if (scan.end == Utf8Scan::End::kComplete) return TextEncoding::kUtf8;
  if (scan.end == Utf8Scan::End::kTruncated && !sample_is_whole_file) return TextEncoding::kUtf8;
  return TextEncoding::kGb18030;
}

// ICU's converters from GB18030 to UTF-8 through a UTF-16 pivot, with the state a streaming
// conversion keeps between calls: ICU holds a character cut by the end of one input chunk until
// the next one completes it.
class TextDecoder::Gb18030Converter {
 public:
  static std::unique_ptr<Gb18030Converter> Create() {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* source = ucnv_open("gb18030", &status);
    if (U_FAILURE(status)) return nullptr;
    UConverter* target = ucnv_open("utf-8", &status);
    if (U_FAILURE(status)) {
      ucnv_close(source);
      return nullptr;
    }
    // Stop at the first byte sequence that is not GB18030 instead of substituting U+FFFD.
    ucnv_setToUCallBack(source, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    if (U_FAILURE(status)) {
      ucnv_close(source);
      ucnv_close(target);
      return nullptr;
    }
    return std::unique_ptr<Gb18030Converter>(new Gb18030Converter(source, target));
  }
  ~Gb18030Converter() {
    ucnv_close(source);
    ucnv_close(target);
  }

  UConverter* source;
  UConverter* target;
  UChar pivot[1024];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  std::vector<char> raw;  // raw bytes read from the file
  std::size_t raw_begin = 0;
  std::size_t raw_end = 0;
  bool flushed = false;
  // ICU stopped at bytes that are not GB18030; the text converted before them may still sit in
  // the pivot (ucnv_convertEx stops before passing it on) and is returned before the error.
  bool failed = false;

 private:
  Gb18030Converter(UConverter* source_converter, UConverter* target_converter)
      : source(source_converter), target(target_converter) {}
};

TextDecoder::TextDecoder(int file, TextEncoding encoding, const ReadLimits& limits)
    : file_(file), encoding_(encoding), limits_(limits) {}

TextDecoder::~TextDecoder() { ::close(file_); }

Result<std::unique_ptr<TextDecoder>> TextDecoder::Open(const std::string& path,
                                                       std::string_view encoding_name,
                                                       const ReadLimits& limits) {
  if (!encoding_name.empty() && encoding_name != "utf-8" && encoding_name != "gb18030") {
    return Status::InvalidArgument("unknown encoding \"" + std::string(encoding_name) +
                                   "\"; expected utf-8 or gb18030");
  }
  int file = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (file < 0) {
    if (errno == ENOENT) return Status::NotFound("no file " + path);
    return Status::Internal("cannot open " + path + ": " + std::strerror(errno));
  }
  std::string sample(std::max<std::size_t>(limits.sample_bytes, 4), '\0');
  ssize_t got = ReadFully(file, sample.data(), sample.size());
  if (got < 0) {
    Status error = Status::Internal("cannot read " + path + ": " + std::strerror(errno));
    ::close(file);
    return error;
  }
  const bool whole_file = static_cast<std::size_t>(got) < sample.size();
  sample.resize(static_cast<std::size_t>(got));
  if (StartsWithUtf16Bom(sample)) {
    ::close(file);
    return Status::InvalidArgument(
        "the file is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8");
  }
  TextEncoding encoding = DetectTextEncoding(sample, whole_file);
  if (encoding_name == "utf-8") {
    encoding = sample.substr(0, kUtf8Bom.size()) == kUtf8Bom ? TextEncoding::kUtf8WithBom
                                                             : TextEncoding::kUtf8;
  } else if (encoding_name == "gb18030") {
    encoding = TextEncoding::kGb18030;
  }
  std::unique_ptr<TextDecoder> decoder(new TextDecoder(file, encoding, limits));
  decoder->bytes_read_ = sample.size();
  decoder->file_at_end_ = whole_file;
  decoder->sample_ = std::move(sample);
  if (encoding == TextEncoding::kUtf8WithBom) decoder->sample_offset_ = kUtf8Bom.size();
  if (encoding == TextEncoding::kGb18030) {
    decoder->gb18030_ = Gb18030Converter::Create();
    if (decoder->gb18030_ == nullptr) return Status::Internal("ICU has no GB18030 converter");
    decoder->gb18030_->raw.resize(std::max<std::size_t>(limits.chunk_bytes, 1));
  }
  return decoder;
}

Result<std::size_t> TextDecoder::ReadRaw(char* out, std::size_t capacity) {
  capacity = std::min(capacity, limits_.chunk_bytes);
  if (sample_offset_ < sample_.size()) {
    std::size_t count = std::min(capacity, sample_.size() - sample_offset_);
    std::memcpy(out, sample_.data() + sample_offset_, count);
    sample_offset_ += count;
    if (sample_offset_ == sample_.size()) {
      std::string().swap(sample_);  // the sample's memory is not needed any more
      sample_offset_ = 0;
    }
    return count;
  }
  if (file_at_end_ || capacity == 0) return std::size_t{0};
  ssize_t got = ReadFully(file_, out, capacity);
  if (got < 0)
    return Status::Internal(std::string("cannot read the file: ") + std::strerror(errno));
  if (got == 0) file_at_end_ = true;
  bytes_read_ += static_cast<std::uint64_t>(got);
  return static_cast<std::size_t>(got);
}

Status TextDecoder::InvalidBytes() const {
  return Status::InvalidArgument(encoding_ == TextEncoding::kGb18030 ? "bytes are not valid GB18030"
                                                                     : "bytes are not valid UTF-8");
}

Result<std::size_t> TextDecoder::Read(char* out, std::size_t capacity) {
  if (error_pending_) return InvalidBytes();
  if (encoding_ == TextEncoding::kGb18030) return ReadGb18030(out, capacity);
  return ReadUtf8(out, capacity);
}

Result<std::size_t> TextDecoder::ReadUtf8(char* out, std::size_t capacity) {
  // The raw bytes go straight into `out` and are validated there: plain UTF-8 is never copied.
  while (true) {
    std::memcpy(out, carry_, carry_size_);
    std::size_t size = carry_size_;
    carry_size_ = 0;
    Result<std::size_t> got = ReadRaw(out + size, capacity - size);
    if (!got.ok()) return got.status();
    if (*got == 0) {
      if (size > 0) return InvalidBytes();  // a character cut short by the end of the file
      return std::size_t{0};
    }
    size += *got;
    Utf8Scan scan = ScanUtf8(std::string_view(out, size));
    if (scan.end == Utf8Scan::End::kInvalid) {
      if (scan.valid_bytes == 0) return InvalidBytes();
      error_pending_ = true;
      return scan.valid_bytes;
    }
    carry_size_ = size - scan.valid_bytes;
    std::memcpy(carry_, out + scan.valid_bytes, carry_size_);
    if (scan.valid_bytes > 0) return scan.valid_bytes;
    // Only the start of one character so far (tiny chunks): read on.
  }
}

Result<std::size_t> TextDecoder::ReadGb18030(char* out, std::size_t capacity) {
  Gb18030Converter& converter = *gb18030_;
  const char* const out_limit = out + std::min(capacity, limits_.chunk_bytes);
  if (converter.failed) {
    // Pass on what the pivot holds (and what ICU kept back from an earlier overflow).
    char* target = out;
    UErrorCode status = U_ZERO_ERROR;
    const UChar* pivot_source = converter.pivot_source;
    ucnv_fromUnicode(converter.target, &target, out_limit, &pivot_source, converter.pivot_target,
                     nullptr, /*flush=*/false, &status);
    converter.pivot_source = const_cast<UChar*>(pivot_source);
    const auto produced = static_cast<std::size_t>(target - out);
    if (produced > 0) return produced;
    return InvalidBytes();
  }
  while (true) {
    const bool raw_left = sample_offset_ < sample_.size() || !file_at_end_;
    if (converter.raw_begin == converter.raw_end && raw_left) {
      Result<std::size_t> got = ReadRaw(converter.raw.data(), converter.raw.size());
      if (!got.ok()) return got.status();
      converter.raw_begin = 0;
      converter.raw_end = *got;
    } else if (converter.raw_begin == converter.raw_end && converter.flushed) {
      return std::size_t{0};
    }
    // ICU is told that the input is complete only once the file has no bytes left.
    const bool flush = converter.raw_begin == converter.raw_end &&
                       sample_offset_ >= sample_.size() && file_at_end_;
    char* target = out;
    const char* source = converter.raw.data() + converter.raw_begin;
    const char* source_limit = converter.raw.data() + converter.raw_end;
    UErrorCode status = U_ZERO_ERROR;
    ucnv_convertEx(converter.target, converter.source, &target, out_limit, &source, source_limit,
                   converter.pivot, &converter.pivot_source, &converter.pivot_target,
                   converter.pivot + std::size(converter.pivot), /*reset=*/false, flush, &status);
    converter.raw_begin = static_cast<std::size_t>(source - converter.raw.data());
    const auto produced = static_cast<std::size_t>(target - out);
    if (status == U_BUFFER_OVERFLOW_ERROR) return produced;
    if (U_FAILURE(status)) {
      // U_ILLEGAL_CHAR_FOUND, U_INVALID_CHAR_FOUND or, at the end, U_TRUNCATED_CHAR_FOUND.
      converter.failed = true;
      if (produced > 0) return produced;
      return ReadGb18030(out, capacity);
    }
    if (flush) converter.flushed = true;
    if (produced > 0) return produced;
    if (converter.flushed) return std::size_t{0};
  }
}

}  // namespace gongshu::tabular
