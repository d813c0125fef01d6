#include "cli/data_directory.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "common/secrets.h"

namespace gongshu {
namespace {

// Writes `contents` to a new file with mode 0600 and syncs it; never overwrites.
Status WriteSecretFile(const std::string& path, const std::string& contents) {
  int descriptor = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (descriptor < 0) return Status::Internal("cannot create " + path + ": " + strerror(errno));
  bool written =
      write(descriptor, contents.data(), contents.size()) == static_cast<ssize_t>(contents.size());
  bool synced = fsync(descriptor) == 0;
  close(descriptor);
  if (!written || !synced) return Status::Internal("cannot write " + path + ": " + strerror(errno));
  return Status::Ok();
}

Status MakeDirectory(const std::string& path) {
  if (mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::Internal("cannot create directory " + path + ": " + strerror(errno));
  }
  return Status::Ok();
}

}  // namespace

std::string MetadataDatabasePath(const std::string& data_dir) { return data_dir + "/gongshu.db"; }

Status CreateDataDirectory(const std::string& data_dir) {
  std::error_code error;
  if (std::filesystem::exists(MetadataDatabasePath(data_dir), error)) {
    return Status::FailedPrecondition(data_dir + " is already initialized (it has gongshu.db)");
  }
  std::filesystem::create_directories(data_dir, error);
  if (error) return Status::Internal("cannot create " + data_dir + ": " + error.message());
  chmod(data_dir.c_str(), 0700);
  for (const char* child : {"/keys", "/datasets", "/ledger"}) {
    GONGSHU_RETURN_IF_ERROR(MakeDirectory(data_dir + child));
  }
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  unsigned char secret_key[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(public_key, secret_key);
  // libsodium's secret key is seed || public key; the seed alone is kept.
  std::string seed(reinterpret_cast<const char*>(secret_key), crypto_sign_SEEDBYTES);
  sodium_memzero(secret_key, sizeof(secret_key));
  GONGSHU_RETURN_IF_ERROR(
      WriteSecretFile(data_dir + "/keys/ed25519.key", Base64Encode(seed) + "\n"));
  GONGSHU_RETURN_IF_ERROR(WriteSecretFile(data_dir + "/keys/pseudonymization.key",
                                          Base64Encode(RandomBytes(32)) + "\n"));
  return Status::Ok();
}

Result<std::string> ReadSigningSeed(const std::string& data_dir) {
  std::string path = data_dir + "/keys/ed25519.key";
  FILE* file = std::fopen(path.c_str(), "r");
  if (file == nullptr) return Status::FailedPrecondition("cannot read the signing key " + path);
  char line[128] = {};
  bool read = std::fgets(line, sizeof(line), file) != nullptr;
  std::fclose(file);
  std::string text = read ? std::string(line) : std::string();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  unsigned char seed[64];
  size_t length = 0;
  if (sodium_base642bin(seed, sizeof(seed), text.data(), text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length != crypto_sign_SEEDBYTES) {
    return Status::FailedPrecondition(path + " does not hold the base64 of a 32-byte seed");
  }
  std::string result(reinterpret_cast<const char*>(seed), length);
  sodium_memzero(seed, sizeof(seed));
  return result;
}

Result<std::unique_ptr<ConnectionPool>> OpenMetadataStore(const std::string& data_dir,
                                                          int connections) {
  std::error_code error;
  if (!std::filesystem::exists(MetadataDatabasePath(data_dir), error) &&
      !std::filesystem::exists(data_dir + "/keys/ed25519.key", error)) {
    return Status::FailedPrecondition(data_dir +
                                      " is not a Gongshu data directory; create it with "
                                      "`gongshu init --data-dir " +
                                      data_dir + "`");
  }
  return ConnectionPool::Open(MetadataDatabasePath(data_dir), connections);
}

}  // namespace gongshu
