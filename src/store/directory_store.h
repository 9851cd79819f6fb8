// DirectoryStore: the ObjectStore in a local directory; key "a/b.json" is the file
// <root>/a/b.json.
//
// Put writes a temporary file beside the target (".view360-tmp.<name>.XXXXXX" in the same
// directory, so the rename cannot cross file systems), fsyncs it, renames it over the target
// and fsyncs the directory: a reader sees the old document or the new one, never a mix, and a
// writer killed mid-write leaves only its temporary file, which List skips. Files are created
// readable and writable by the owner only (0600): documents describe an organisation.
//
// Empty directories left by Move and Delete stay (removing them would race a concurrent Put
// into the same folder).
//
// Thread-safety: all operations may run at once, from many threads and processes.
#pragma once

#include <memory>
#include <string>

#include "store/object_store.h"

namespace view360::store {

class DirectoryStore final : public ObjectStore {
 public:
  // Opens (creating it and its parents when missing) the directory at root.
  // kFailedPrecondition when root exists but is not a directory; the errno otherwise.
  static Result<std::unique_ptr<DirectoryStore>> Open(const std::string& root);

  const std::string& location() const override { return root_; }
  Status Put(const std::string& key, std::string_view bytes) override;
  Result<std::string> Get(const std::string& key) override;
  Result<std::vector<ObjectInfo>> List(const std::string& prefix) override;
  Result<ObjectInfo> Stat(const std::string& key) override;
  Status Move(const std::string& from_key, const std::string& to_key) override;
  Status Delete(const std::string& key) override;

 private:
  explicit DirectoryStore(std::string root) : root_(std::move(root)) {}
  std::string PathOf(const std::string& key) const { return root_ + "/" + key; }

  const std::string root_;  // Without a trailing '/'.
};

// True for the name (last path segment) of a temporary file of DirectoryStore::Put.
bool IsTemporaryName(std::string_view name);

}  // namespace view360::store
