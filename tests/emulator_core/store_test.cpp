// Tests for emulator/store.hpp: transactions, rollback, creation order, environments, restarts.
#include "emulator/store.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include <sys/stat.h>

namespace {

using emulator::json;
using emulator::store;
using emulator::tx;

std::string temp_db() {
  char tmpl[] = "/tmp/workos-emulator-store-XXXXXX";
  return std::string{mkdtemp(tmpl)} + "/e.db";
}

json obj(std::string id, std::string name) {
  json o = json::object();
  o.set("id", std::move(id));
  o.set("name", std::move(name));
  return o;
}

TEST(store, commits_what_returns_true_and_rolls_back_the_rest) {
  std::string err;
  auto db = store::open(temp_db(), err);
  ASSERT_TRUE(db) << err;
  EXPECT_TRUE(db->empty());
  db->transact([](tx& t) {
    t.put("sandbox", "organization", "org_1", obj("org_1", "kept"));
    return true;
  });
  db->transact([](tx& t) {
    t.put("sandbox", "organization", "org_2", obj("org_2", "rolled back"));
    t.remove("sandbox", "org_1");
    return false;
  });
  db->transact([](tx& t) {
    EXPECT_TRUE(t.get("sandbox", "org_1").has_value());
    EXPECT_FALSE(t.get("sandbox", "org_2").has_value());
    return true;
  });
  EXPECT_THROW(db->transact([](tx& t) -> bool {
    t.put("sandbox", "organization", "org_3", obj("org_3", "thrown"));
    throw std::runtime_error("handler bug");
  }),
               std::runtime_error);
  db->transact([](tx& t) {
    EXPECT_FALSE(t.get("sandbox", "org_3").has_value()) << "an exception rolls back";
    return true;
  });
}

TEST(store, lists_in_creation_order_and_updates_keep_their_place) {
  std::string err;
  auto db = store::open(temp_db(), err);
  db->transact([](tx& t) {
    t.put("sandbox", "organization", "b", obj("b", "first"));
    t.put("sandbox", "organization", "a", obj("a", "second"));
    t.put("sandbox", "organization", "b", obj("b", "first, renamed"));
    t.put("sandbox", "organization_domain", "d", obj("d", "child"), "a");
    return true;
  });
  db->transact([](tx& t) {
    auto all = t.all("sandbox", "organization");
    EXPECT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0]["id"].as_string(), "b");
    EXPECT_EQ(all[0]["name"].as_string(), "first, renamed");
    EXPECT_EQ(t.all("sandbox", "organization_domain", std::string_view{"a"}).size(), 1u);
    EXPECT_EQ(t.count("sandbox", "organization_domain", std::string_view{"b"}), 0u);
    EXPECT_FALSE(t.get("sandbox", "organization_domain", "b").has_value()) << "typed get checks the type";
    return true;
  });
}

TEST(store, environments_never_see_each_other) {
  std::string err;
  auto db = store::open(temp_db(), err);
  db->transact([](tx& t) {
    t.put("sandbox", "organization", "org_s", obj("org_s", "s"));
    return true;
  });
  db->transact([](tx& t) {
    EXPECT_FALSE(t.get("production", "org_s").has_value());
    EXPECT_TRUE(t.all("production", "organization").empty());
    EXPECT_FALSE(t.remove("production", "org_s"));
    return true;
  });
}

TEST(store, survives_reopening) {
  auto path = temp_db();
  std::string err;
  {
    auto db = store::open(path, err);
    db->transact([](tx& t) {
      t.put("sandbox", "organization", "org_1", obj("org_1", "durable"));
      t.set_setting("sandbox", "branding", obj("x", "y"));
      t.save_idempotent("sandbox", "k", {"digest", 201, R"({"id":"org_1"})"});
      return true;
    });
  }
  auto db = store::open(path, err);
  ASSERT_TRUE(db) << err;
  EXPECT_FALSE(db->empty());
  db->transact([](tx& t) {
    EXPECT_EQ((*t.get("sandbox", "org_1"))["name"].as_string(), "durable");
    EXPECT_EQ((*t.setting("sandbox", "branding"))["name"].as_string(), "y");
    auto saved = t.idempotent("sandbox", "k");
    EXPECT_TRUE(saved && saved->status == 201u && saved->request_digest == "digest");
    EXPECT_FALSE(t.idempotent("production", "k").has_value());
    return true;
  });
}

TEST(store, is_readable_by_its_owner_only) {
  auto path = temp_db();
  std::string err;
  auto db = store::open(path, err);
  ASSERT_TRUE(db) << err;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(store, refuses_an_unusable_path) {
  std::string err;
  EXPECT_FALSE(store::open("/nonexistent/dir/e.db", err));
  EXPECT_FALSE(err.empty());
}

}  // namespace
