// Tests of http/router.h: matching methods and paths to routes and extracting parameters.
#include "http/router.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>

namespace gongshu {
namespace {

Handler Named(const std::string& name) {
  return [name](const Request&, const RouteContext&) { return JsonResponse(200, name); };
}

std::set<std::string> MethodsIn(const std::string& list) {
  std::set<std::string> methods;
  std::istringstream stream(list);
  for (std::string method; std::getline(stream, method, ',');) {
    size_t start = method.find_first_not_of(' ');
    methods.insert(start == std::string::npos ? "" : method.substr(start));
  }
  return methods;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/api/v1/organizations", Action::kOrganizationRead, Named("list"));
    router_.Add("POST", "/api/v1/organizations", Action::kOrganizationCreate, Named("create"));
    router_.Add("GET", "/api/v1/organizations/{id}", Action::kOrganizationRead, Named("get"));
    router_.Add("PATCH", "/api/v1/organizations/{id}", Action::kOrganizationUpdate,
                Named("update"));
    // Registered after the parameter route on purpose: order must not matter.
    router_.Add("GET", "/api/v1/organizations/tree", Action::kOrganizationRead, Named("tree"));
    router_.Add("DELETE", "/api/v1/users/{user}/tokens/{token}", Action::kTokenRevoke,
                Named("revoke"));
    router_.Add("GET", "/portal/{path...}", Action::kPublicRead, Named("static"));
  }

  // The name of the handler that `method` and `path` reach, or "error".
  std::string Reach(const std::string& method, const std::string& path) {
    Result<RouteMatch> match = router_.Match(method, path);
    if (!match.ok()) return "error";
    RouteContext context;
    Request request;
    return match->route->handler(request, context).body;
  }

  Router router_;
};

TEST_F(RouterTest, MatchesLiteralPaths) {
  Result<RouteMatch> match = router_.Match("GET", "/api/v1/organizations");
  ASSERT_TRUE(match.ok()) << match.status().message();
  EXPECT_EQ(match->route->pattern, "/api/v1/organizations");
  EXPECT_EQ(match->route->action, Action::kOrganizationRead);
  EXPECT_TRUE(match->params.empty());
  EXPECT_EQ(Reach("POST", "/api/v1/organizations"), "create");
}

TEST_F(RouterTest, LiteralSegmentBeatsParameter) {
  EXPECT_EQ(Reach("GET", "/api/v1/organizations/tree"), "tree");
  EXPECT_EQ(Reach("GET", "/api/v1/organizations/org_123"), "get");

  Router literal_first;
  literal_first.Add("GET", "/a/b", Action::kPublicRead, Named("literal"));
  literal_first.Add("GET", "/a/{x}", Action::kPublicRead, Named("parameter"));
  Result<RouteMatch> match = literal_first.Match("GET", "/a/b");
  ASSERT_TRUE(match.ok());
  EXPECT_EQ(match->route->pattern, "/a/b");
}

TEST_F(RouterTest, ParametersAreExtractedAndDecoded) {
  Result<RouteMatch> match = router_.Match("DELETE", "/api/v1/users/usr_7/tokens/tok%20a%2Fb+c");
  ASSERT_TRUE(match.ok()) << match.status().message();
  EXPECT_EQ(match->route->action, Action::kTokenRevoke);
  ASSERT_EQ(match->params.size(), 2u);
  EXPECT_EQ(match->params.at("user"), "usr_7");
  // In a path '+' is itself, not a space.
  EXPECT_EQ(match->params.at("token"), "tok a/b+c");

  Result<RouteMatch> chinese = router_.Match("GET", "/api/v1/organizations/%E7%A6%8F%E5%B7%9E");
  ASSERT_TRUE(chinese.ok());
  EXPECT_EQ(chinese->params.at("id"), "福州");
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
  EXPECT_EQ(router_.Match("GET", "/api/v2/organizations").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(router_.Match("GET", "/api/v1").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(router_.Match("GET", "/api/v1/organizations/a/b").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(router_.Match("GET", "api/v1/organizations").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(router_.Match("GET", "").status().code(), StatusCode::kNotFound);
}

TEST_F(RouterTest, KnownPathWithOtherMethodListsAllowedMethods) {
  Result<RouteMatch> put = router_.Match("PUT", "/api/v1/organizations/org_1");
  ASSERT_EQ(put.status().code(), StatusCode::kMethodNotAllowed);
  EXPECT_EQ(MethodsIn(put.status().message()), (std::set<std::string>{"GET", "PATCH"}));

  Result<RouteMatch> remove = router_.Match("DELETE", "/api/v1/organizations");
  ASSERT_EQ(remove.status().code(), StatusCode::kMethodNotAllowed);
  EXPECT_EQ(MethodsIn(remove.status().message()), (std::set<std::string>{"GET", "POST"}));

  // "tree" is reached by GET as a literal and by GET and PATCH through {id}.
  Result<RouteMatch> post_tree = router_.Match("POST", "/api/v1/organizations/tree");
  ASSERT_EQ(post_tree.status().code(), StatusCode::kMethodNotAllowed);
  EXPECT_EQ(MethodsIn(post_tree.status().message()), (std::set<std::string>{"GET", "PATCH"}));
}

TEST_F(RouterTest, MalformedEscapeIsInvalidArgument) {
  for (const char* path : {"/api/v1/organizations/%zz", "/api/v1/organizations/org%2",
                           "/api/v1/organizations/%", "/portal/css/%G1.css"}) {
    EXPECT_EQ(router_.Match("GET", path).status().code(), StatusCode::kInvalidArgument) << path;
  }
}

TEST_F(RouterTest, TailParameterTakesTheRestOfThePath) {
  Result<RouteMatch> match = router_.Match("GET", "/portal/assets/app.3f9a.js");
  ASSERT_TRUE(match.ok()) << match.status().message();
  EXPECT_EQ(match->route->action, Action::kPublicRead);
  EXPECT_EQ(match->params.at("path"), "assets/app.3f9a.js");

  Result<RouteMatch> one = router_.Match("GET", "/portal/index.html");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->params.at("path"), "index.html");

  Result<RouteMatch> decoded = router_.Match("GET", "/portal/docs/read%20me.txt");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->params.at("path"), "docs/read me.txt");

  EXPECT_EQ(router_.Match("POST", "/portal/index.html").status().code(),
            StatusCode::kMethodNotAllowed);
}

}  // namespace
}  // namespace gongshu

namespace gongshu {
namespace {

TEST(RouterSuffixTest, SuffixedParameterMatchesOnlyItsSuffixAndBeatsPlainParameter) {
  Router router;
  router.Add("GET", "/r/{id}", Action::kPublicRead, Named("plain"));
  router.Add("GET", "/r/{id}.ttl", Action::kPublicRead, Named("turtle"));
  router.Add("GET", "/r/latest.ttl", Action::kPublicRead, Named("literal"));
  Result<RouteMatch> turtle = router.Match("GET", "/r/res_1.ttl");
  ASSERT_TRUE(turtle.ok());
  EXPECT_EQ(turtle->route->pattern, "/r/{id}.ttl");
  EXPECT_EQ(turtle->params.at("id"), "res_1");
  Result<RouteMatch> plain = router.Match("GET", "/r/res_1.json");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->route->pattern, "/r/{id}");
  EXPECT_EQ(plain->params.at("id"), "res_1.json");
  Result<RouteMatch> literal = router.Match("GET", "/r/latest.ttl");
  ASSERT_TRUE(literal.ok());
  EXPECT_EQ(literal->route->pattern, "/r/latest.ttl");
  // The suffix alone is not a value.
  Result<RouteMatch> bare = router.Match("GET", "/r/.ttl");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->route->pattern, "/r/{id}");
}

}  // namespace
}  // namespace gongshu
