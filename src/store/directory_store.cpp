#include "store/directory_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "common/hash.h"

namespace view360::store {
namespace {

constexpr std::string_view kTempPrefix = ".view360-tmp.";
constexpr size_t kTempNameRoom = 200;  // Of the target's name in the temp name (NAME_MAX 255).

Status ErrnoStatus(int err, const std::string& what, const std::string& path) {
  StatusCode code = StatusCode::kInternal;
  switch (err) {
    case ENOENT:
      code = StatusCode::kNotFound;
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      code = StatusCode::kPermissionDenied;
      break;
    case ENOSPC:
    case EDQUOT:
    case EMFILE:
    case ENFILE:
      code = StatusCode::kResourceExhausted;
      break;
    case ENOTDIR:
    case EISDIR:
    case EEXIST:
    case ENOTEMPTY:
      code = StatusCode::kFailedPrecondition;
      break;
    default:
      break;
  }
  return Status(code, what + ": " + std::strerror(err) + " (" + path + ")");
}

std::string ParentOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}
std::string NameOf(const std::string& path) { return path.substr(path.rfind('/') + 1); }

std::string UtcText(time_t seconds) {
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// Makes dir and its parents; the errno of the first failure.
int MakeDirs(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (!error) return 0;
  // create_directories fails with EEXIST when a component is a file: say ENOTDIR, as open would.
  return error.value() == EEXIST ? ENOTDIR : error.value();
}

// fsync of a directory, so that a rename or unlink in it survives a crash. The errno, or 0.
int SyncDir(const std::string& dir) {
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno;
  const int rc = fsync(fd) == 0 ? 0 : errno;
  close(fd);
  return rc;
}

int WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return 0;
}

struct OpenedFile {
  std::string contents;
  struct stat info {};
};

// The contents and the stat of one file, both from the same open file: a concurrent Put
// replaces the directory entry, not the file we read. kNotFound for a folder.
Result<OpenedFile> ReadFile(const std::string& path, const std::string& what) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, what, path);
  OpenedFile file;
  if (fstat(fd, &file.info) != 0) {
    const int err = errno;
    close(fd);
    return ErrnoStatus(err, what, path);
  }
  if (!S_ISREG(file.info.st_mode)) {
    close(fd);
    return NotFoundError(what + ": no such object (" + path + " is not a regular file)");
  }
  file.contents.resize(static_cast<size_t>(file.info.st_size));
  size_t done = 0;
  while (true) {
    if (done == file.contents.size()) file.contents.resize(done + 64 * 1024);  // It grew.
    const ssize_t n = read(fd, file.contents.data() + done, file.contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      close(fd);
      return ErrnoStatus(err, what, path);
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  close(fd);
  file.contents.resize(done);
  return file;
}

// Adds the regular files under dir (relative key base) whose keys start with prefix.
void Walk(const std::string& dir, const std::string& base, const std::string& prefix,
          std::vector<ObjectInfo>& out) {
  DIR* handle = opendir(dir.c_str());
  if (handle == nullptr) return;  // Gone (moved or deleted meanwhile), or not a folder.
  std::vector<std::string> names;
  while (const dirent* entry = readdir(handle)) {
    const std::string_view name = entry->d_name;
    if (name == "." || name == ".." || IsTemporaryName(name)) continue;
    names.emplace_back(name);
  }
  closedir(handle);
  for (const std::string& name : names) {
    const std::string path = dir + "/" + name;
    const std::string key = base.empty() ? name : base + "/" + name;
    struct stat info {};
    if (lstat(path.c_str(), &info) != 0) continue;  // Gone meanwhile.
    if (S_ISDIR(info.st_mode)) {
      // Only folders that can hold keys with this prefix.
      const std::string folder = key + "/";
      if (folder.starts_with(prefix) || prefix.starts_with(folder)) Walk(path, key, prefix, out);
    } else if (S_ISREG(info.st_mode) && key.starts_with(prefix)) {
      ObjectInfo object;
      object.key = key;
      object.size = static_cast<int64_t>(info.st_size);
      object.last_modified = UtcText(info.st_mtim.tv_sec);
      out.push_back(std::move(object));
    }
  }
}

}  // namespace

bool IsTemporaryName(std::string_view name) { return name.starts_with(kTempPrefix); }

Result<std::unique_ptr<DirectoryStore>> DirectoryStore::Open(const std::string& root) {
  std::string clean = root;
  while (clean.size() > 1 && clean.back() == '/') clean.pop_back();
  const std::string what = "open store directory " + clean;
  if (const int err = MakeDirs(clean); err != 0) return ErrnoStatus(err, what, clean);
  struct stat info {};
  if (stat(clean.c_str(), &info) != 0) return ErrnoStatus(errno, what, clean);
  if (!S_ISDIR(info.st_mode)) return FailedPreconditionError(what + ": not a directory");
  if (clean == "/") clean.clear();  // Keys then map to "/" + key.
  return std::unique_ptr<DirectoryStore>(new DirectoryStore(clean));
}

Status DirectoryStore::Put(const std::string& key, std::string_view bytes) {
  const std::string what = "Put " + key + " in directory " + root_;
  VIEW360_RETURN_IF_ERROR(ValidateKey(key).WithContext(what));
  const std::string path = PathOf(key);
  const std::string dir = ParentOf(path);
  if (const int err = MakeDirs(dir); err != 0) return ErrnoStatus(err, what, dir);

  std::string temp =
      dir + "/" + std::string(kTempPrefix) + NameOf(path).substr(0, kTempNameRoom) + ".XXXXXX";
  const int fd = mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, what, dir);
  int err = WriteAll(fd, bytes);
  if (err == 0 && fsync(fd) != 0) err = errno;
  if (close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && rename(temp.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    unlink(temp.c_str());
    return ErrnoStatus(err, what, path);
  }
  if (const int sync_err = SyncDir(dir); sync_err != 0) return ErrnoStatus(sync_err, what, dir);
  return OkStatus();
}

Result<std::string> DirectoryStore::Get(const std::string& key) {
  const std::string what = "Get " + key + " from directory " + root_;
  VIEW360_RETURN_IF_ERROR(ValidateKey(key).WithContext(what));
  VIEW360_ASSIGN_OR_RETURN(OpenedFile file, ReadFile(PathOf(key), what));
  return std::move(file.contents);
}

Result<std::vector<ObjectInfo>> DirectoryStore::List(const std::string& prefix) {
  const std::string what = "List " + prefix + " in directory " + root_;
  VIEW360_RETURN_IF_ERROR(ValidatePrefix(prefix).WithContext(what));
  // Start at the deepest folder the prefix names ("data/12" -> data/).
  const size_t slash = prefix.rfind('/');
  const std::string base = slash == std::string::npos ? "" : prefix.substr(0, slash);
  std::vector<ObjectInfo> objects;
  Walk(base.empty() ? (root_.empty() ? "/" : root_) : PathOf(base), base, prefix, objects);
  std::sort(objects.begin(), objects.end(),
            [](const ObjectInfo& a, const ObjectInfo& b) { return a.key < b.key; });
  return objects;
}

Result<ObjectInfo> DirectoryStore::Stat(const std::string& key) {
  const std::string what = "Stat " + key + " in directory " + root_;
  VIEW360_RETURN_IF_ERROR(ValidateKey(key).WithContext(what));
  VIEW360_ASSIGN_OR_RETURN(OpenedFile file, ReadFile(PathOf(key), what));
  ObjectInfo object;
  object.key = key;
  object.size = static_cast<int64_t>(file.contents.size());
  object.etag = Sha256Hex(file.contents);
  object.last_modified = UtcText(file.info.st_mtim.tv_sec);
  return object;
}

Status DirectoryStore::Move(const std::string& from_key, const std::string& to_key) {
  const std::string what = "Move " + from_key + " to " + to_key + " in directory " + root_;
  VIEW360_RETURN_IF_ERROR(ValidateKey(from_key).WithContext(what));
  VIEW360_RETURN_IF_ERROR(ValidateKey(to_key).WithContext(what));
  if (from_key == to_key) return InvalidArgumentError(what + ": the keys are the same");
  const std::string from = PathOf(from_key);
  const std::string to = PathOf(to_key);
  struct stat info {};
  if (lstat(from.c_str(), &info) != 0) return ErrnoStatus(errno, what, from);
  if (!S_ISREG(info.st_mode)) {
    return NotFoundError(what + ": no such object (" + from + " is not a regular file)");
  }
  if (const int err = MakeDirs(ParentOf(to)); err != 0) return ErrnoStatus(err, what, to);
  if (rename(from.c_str(), to.c_str()) != 0) return ErrnoStatus(errno, what, to);
  for (const std::string& dir : {ParentOf(to), ParentOf(from)}) {
    if (const int err = SyncDir(dir); err != 0) return ErrnoStatus(err, what, dir);
  }
  return OkStatus();
}

Status DirectoryStore::Delete(const std::string& key) {
  const std::string what = "Delete " + key + " in directory " + root_;
  VIEW360_RETURN_IF_ERROR(ValidateKey(key).WithContext(what));
  const std::string path = PathOf(key);
  if (unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return OkStatus();
    return ErrnoStatus(errno, what, path);
  }
  if (const int err = SyncDir(ParentOf(path)); err != 0) return ErrnoStatus(err, what, path);
  return OkStatus();
}

}  // namespace view360::store
