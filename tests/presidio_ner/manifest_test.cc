// Model folder contract: a manifest of sizes and SHA-256 hashes, checked
// before anything is loaded.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "manifest.h"

namespace fs = std::filesystem;

namespace {

fs::path FreshDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() /
                       ("presidio_ner_test_" + name + "_" +
                        std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace

TEST_CASE("SHA-256 of a known string") {
  const fs::path dir = FreshDir("sha");
  WriteFile(dir / "abc", "abc");
  std::string hex, error;
  REQUIRE(presidio_ner::Sha256File((dir / "abc").string(), &hex, &error));
  CHECK(hex ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  fs::remove_all(dir);
}

TEST_CASE("manifest verifies and refuses altered, resized or missing files") {
  const fs::path dir = FreshDir("manifest");
  WriteFile(dir / "a.bin", "hello");
  WriteFile(dir / "b.txt", "world");
  std::string error;
  REQUIRE(presidio_ner::WriteManifest(dir.string(), {"a.bin", "b.txt"},
                                      &error));
  CHECK(presidio_ner::VerifyManifest(dir.string(), {"a.bin"}, &error));

  SUBCASE("same size, different bytes") {
    WriteFile(dir / "a.bin", "jello");
    CHECK_FALSE(presidio_ner::VerifyManifest(dir.string(), {}, &error));
    CHECK(error.find("SHA-256") != std::string::npos);
    CHECK(error.find("a.bin") != std::string::npos);
  }
  SUBCASE("truncated file") {
    WriteFile(dir / "b.txt", "wor");
    CHECK_FALSE(presidio_ner::VerifyManifest(dir.string(), {}, &error));
    CHECK(error.find("b.txt") != std::string::npos);
    CHECK(error.find("bytes") != std::string::npos);
  }
  SUBCASE("missing file") {
    fs::remove(dir / "b.txt");
    CHECK_FALSE(presidio_ner::VerifyManifest(dir.string(), {}, &error));
    CHECK(error.find("missing") != std::string::npos);
  }
  SUBCASE("required file not listed") {
    CHECK_FALSE(
        presidio_ner::VerifyManifest(dir.string(), {"c.pt"}, &error));
    CHECK(error.find("c.pt") != std::string::npos);
  }
  SUBCASE("no manifest") {
    fs::remove(dir / "manifest.json");
    CHECK_FALSE(presidio_ner::VerifyManifest(dir.string(), {}, &error));
    CHECK(error.find("manifest missing") != std::string::npos);
  }
  fs::remove_all(dir);
}
