// Tests of http/static_files.h: serving portal files from a temporary root directory.
#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/testing/temp_dir.h"

namespace gongshu {
namespace {

using ::gongshu::testing::MakeTempDir;

namespace fs = std::filesystem;

void WriteFile(const fs::path& path, const std::string& contents) {
  fs::create_directories(path.parent_path());
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << contents;
}

// The media type without parameters: "text/html; charset=utf-8" -> "text/html".
std::string MediaType(std::string_view content_type) {
  return std::string(content_type.substr(0, content_type.find(';')));
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = MakeTempDir("gongshu_static_test");
    ASSERT_FALSE(base_.empty());
    root_ = base_ / "portal";
    WriteFile(root_ / "index.html", "<h1>portal</h1>");
    WriteFile(root_ / "css" / "site.css", "body { color: black; }");
    WriteFile(root_ / "assets" / "app.3f9a.js", "console.log(1);");
    WriteFile(root_ / "docs" / "index.html", "<h1>docs</h1>");
    fs::create_directories(root_ / "empty");
    WriteFile(base_ / "secret.txt", "outside the root");
    WriteFile(base_ / "portal2" / "sibling.txt", "in a directory whose name extends the root's");
    fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
    fs::create_symlink(base_, root_ / "leak_dir");
    fs::create_symlink(base_ / "portal2" / "sibling.txt", root_ / "sibling.txt");
  }

  void TearDown() override {
    if (!base_.empty()) fs::remove_all(base_);
  }

  Result<Response> Get(const std::string& relative_path, const std::string& if_none_match = "") {
    Request request;
    request.method = "GET";
    request.path = "/" + relative_path;
    if (!if_none_match.empty()) request.headers.emplace_back("if-none-match", if_none_match);
    return StaticFiles(root_.string()).Serve(request, relative_path);
  }

  fs::path base_;
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesAFileWithTypeAndETag) {
  Result<Response> response = Get("css/site.css");
  ASSERT_TRUE(response.ok()) << response.status().message();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "body { color: black; }");
  EXPECT_EQ(MediaType(response->Header("Content-Type")), "text/css");
  std::string etag(response->Header("ETag"));
  // RFC 9110 §8.8.3: an entity tag is a quoted string, optionally marked weak.
  ASSERT_GE(etag.size(), 3u);
  EXPECT_TRUE(etag.rfind("\"", 0) == 0 || etag.rfind("W/\"", 0) == 0) << etag;
  EXPECT_EQ(etag.back(), '"') << etag;
  EXPECT_EQ(response->Header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, HashedAssetsAreCachedForAYear) {
  Result<Response> response = Get("assets/app.3f9a.js");
  ASSERT_TRUE(response.ok()) << response.status().message();
  EXPECT_EQ(MediaType(response->Header("Content-Type")), "text/javascript");
  std::string cache_control(response->Header("Cache-Control"));
  EXPECT_NE(cache_control.find("max-age=31536000"), std::string::npos) << cache_control;
  EXPECT_NE(cache_control.find("immutable"), std::string::npos) << cache_control;
}

TEST_F(StaticFilesTest, MatchingIfNoneMatchGetsNotModified) {
  Result<Response> first = Get("index.html");
  ASSERT_TRUE(first.ok()) << first.status().message();
  std::string etag(first->Header("ETag"));
  ASSERT_FALSE(etag.empty());

  Result<Response> again = Get("index.html", etag);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  EXPECT_EQ(again->Header("ETag"), etag);

  Result<Response> other = Get("index.html", "\"some-other-version\"");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->status, 200);
  EXPECT_EQ(other->body, "<h1>portal</h1>");
}

TEST_F(StaticFilesTest, ChangedFileGetsANewETag) {
  Result<Response> before = Get("index.html");
  ASSERT_TRUE(before.ok());
  std::string old_etag(before->Header("ETag"));
  WriteFile(root_ / "index.html", "<h1>portal, second edition</h1>");
  Result<Response> after = Get("index.html", old_etag);
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ(after->status, 200);
  EXPECT_EQ(after->body, "<h1>portal, second edition</h1>");
  EXPECT_NE(after->Header("ETag"), old_etag);
}

TEST_F(StaticFilesTest, DirectoryServesItsIndex) {
  for (const char* path : {"", "docs", "docs/"}) {
    Result<Response> response = Get(path);
    ASSERT_TRUE(response.ok()) << "\"" << path << "\": " << response.status().message();
    EXPECT_EQ(response->body, std::string(path).empty() ? "<h1>portal</h1>" : "<h1>docs</h1>")
        << path;
    EXPECT_EQ(MediaType(response->Header("Content-Type")), "text/html") << path;
  }
  EXPECT_EQ(Get("empty").status().code(), StatusCode::kNotFound);
}

TEST_F(StaticFilesTest, MissingFileIsNotFound) {
  EXPECT_EQ(Get("missing.html").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Get("css/missing.css").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Get("index.html/more").status().code(), StatusCode::kNotFound);
}

TEST_F(StaticFilesTest, DotSegmentsBackslashesAndNulAreRefused) {
  for (const std::string& path :
       {std::string("../secret.txt"), std::string("css/../../secret.txt"), std::string("css/.."),
        std::string(".."), std::string("./index.html"), std::string("css/./site.css"),
        std::string("css\\site.css"), std::string("..\\secret.txt"),
        std::string("index.html\0.txt", 15)}) {
    Result<Response> response = Get(path);
    EXPECT_EQ(response.status().code(), StatusCode::kInvalidArgument) << path;
  }
}

TEST_F(StaticFilesTest, EmptySegmentsAreRefused) {
  for (const char* path : {"css//site.css", "/index.html", "docs//index.html"}) {
    EXPECT_EQ(Get(path).status().code(), StatusCode::kInvalidArgument) << path;
  }
}

TEST_F(StaticFilesTest, SymlinksOutOfTheRootAreNotFollowed) {
  EXPECT_EQ(Get("leak.txt").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Get("leak_dir/secret.txt").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Get("sibling.txt").status().code(), StatusCode::kNotFound);
}

TEST_F(StaticFilesTest, MissingRootServesNothing) {
  Request request;
  request.method = "GET";
  StaticFiles files((base_ / "no_such_directory").string());
  EXPECT_EQ(files.Serve(request, "index.html").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(files.Serve(request, "").status().code(), StatusCode::kNotFound);
}

TEST(ContentTypeForTest, UsesRegisteredMediaTypes) {
  EXPECT_EQ(MediaType(ContentTypeFor("index.html")), "text/html");
  EXPECT_EQ(MediaType(ContentTypeFor("app.js")), "text/javascript");
  EXPECT_EQ(MediaType(ContentTypeFor("module.mjs")), "text/javascript");
  EXPECT_EQ(MediaType(ContentTypeFor("site.css")), "text/css");
  EXPECT_EQ(MediaType(ContentTypeFor("catalog.json")), "application/json");
  EXPECT_EQ(MediaType(ContentTypeFor("logo.svg")), "image/svg+xml");
  EXPECT_EQ(MediaType(ContentTypeFor("photo.png")), "image/png");
  EXPECT_EQ(MediaType(ContentTypeFor("photo.jpg")), "image/jpeg");
  EXPECT_EQ(MediaType(ContentTypeFor("font.woff2")), "font/woff2");
  EXPECT_EQ(MediaType(ContentTypeFor("engine.wasm")), "application/wasm");
  EXPECT_EQ(ContentTypeFor("README"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("archive.tar.gz"), "application/octet-stream");
}

}  // namespace
}  // namespace gongshu
