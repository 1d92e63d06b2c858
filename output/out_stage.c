/* out_stage.c — a result set that is complete or absent.
 *
 * DESIGN — a command writes its whole result set into a staging directory
 * beside DIR, PARENT/.NAME.staging.PID (the same filesystem, so it can be
 * renamed), and then puts it in place in one step: rename(2) when DIR does
 * not exist, renameat2(RENAME_EXCHANGE) when it does, which swaps the two
 * directories in one system call; the old set, now under the staging name,
 * is deleted afterwards. Killed at any instant (SIGKILL included), DIR is
 * the complete old set or the complete new one: before the exchange it is
 * untouched, after it the new set is whole (every file and directory was
 * fsynced first). What a killed run leaves is a staging directory beside
 * DIR, which the next run into DIR deletes.
 *
 * A lock admits one run per DIR: flock() on PARENT/.NAME.lock, taken
 * before any replication runs and held until the set is in place or
 * abandoned; a second run refuses at once and names the pid written in the
 * lock file. The kernel drops the lock of a dead process, so a run that
 * holds it knows every PARENT/.NAME.staging.* is stale and removes it. The
 * lock file itself stays: removing it would let two runs lock two
 * different files of the same name.
 *
 * On a filesystem without RENAME_EXCHANGE the swap is two renames, DIR to
 * PARENT/.NAME.old.PID and the staging directory to DIR; a run killed
 * between them leaves no DIR and a .NAME.old.*, which the next run renames
 * back before anything else, so the old set is never lost.
 *
 * DIR is replaced as a whole, so it may hold only what specsim writes
 * (out_stage_names); a DIR holding anything else is refused, never
 * deleted.
 */
#define _GNU_SOURCE /* renameat2 and RENAME_EXCHANGE */
#include "out.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

/* Longest path the module builds: a directory, a separator and a name of
 * at most NAME_MAX bytes, with room for ".staging." and a pid. */
#define STAGE_PATH_MAX (PATH_MAX + NAME_MAX + 32)

struct out_stage {
    char dir[PATH_MAX];              /* DIR, as resolved */
    char parent[PATH_MAX];           /* its parent directory */
    char name[NAME_MAX + 1];         /* its last component */
    char staging[STAGE_PATH_MAX];    /* where the set is written */
    int lock_fd;
};

/* What a result directory may hold at its top level: the files of runs,
 * sweeps and tornado charts, their figures folder, and the temporary files
 * of a writer (".NAME.tmp..."). */
static const char *const out_stage_names[] = {
    "summary.csv", "summary.json", "manifest.json", "replications.csv",
    "report.html", "sweep.csv",    "tornado.csv",   "figures",
    "auction.csv", "auction.json",
};

static bool known_entry(const char *n)
{
    if (n[0] == '.' && strstr(n, ".tmp") != NULL) return true;
    for (size_t i = 0; i < sizeof out_stage_names / sizeof *out_stage_names;
         i++)
        if (!strcmp(n, out_stage_names[i])) return true;
    return false;
}

/* ---- paths ---- */

/* path = a "/" b, refused (never cut) when it does not fit. */
static err_code join(char *path, size_t len, const char *a, const char *b,
                     err_t *e)
{
    int n = snprintf(path, len, "%s/%s", a, b);
    if (n < 0 || (size_t)n >= len)
        return err_set(e, ERR_IO, "%.200s/%.200s: path longer than %zu bytes",
                       a, b, len - 1);
    return ERR_OK;
}

/* Split DIR into parent and name: trailing slashes dropped, an existing
 * DIR resolved (symbolic links, "." and ".."), so the lock and the staging
 * directory sit beside the directory actually replaced. */
static err_code split(out_stage *st, const char *dir, err_t *e)
{
    char given[PATH_MAX];
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/') n--;
    if (n == 0 || n >= sizeof given)
        return err_set(e, ERR_IO, "%.200s: not a usable output directory",
                       dir);
    memcpy(given, dir, n);
    given[n] = '\0';
    if (realpath(given, st->dir) == NULL) {
        if (errno != ENOENT)
            return err_set(e, ERR_IO, "%s: %s", given, strerror(errno));
        memcpy(st->dir, given, n + 1);
    }
    char *slash = strrchr(st->dir, '/');
    const char *base = slash ? slash + 1 : st->dir;
    size_t nb = strlen(base);
    if (!strcmp(base, "") || !strcmp(base, ".") || !strcmp(base, "..") ||
        nb > NAME_MAX - 32)
        return err_set(e, ERR_IO, "%s: expected a directory that specsim "
                       "can create or replace as a whole", dir);
    memcpy(st->name, base, nb + 1);
    if (slash == NULL)
        snprintf(st->parent, sizeof st->parent, ".");
    else if (slash == st->dir)
        snprintf(st->parent, sizeof st->parent, "/");
    else
        snprintf(st->parent, sizeof st->parent, "%.*s",
                 (int)(slash - st->dir), st->dir);
    return ERR_OK;
}

/* ---- removing a tree ---- */

/* Remove `name` in directory fd `at`, and everything under it. */
static int remove_at(int at, const char *name)
{
    if (unlinkat(at, name, 0) == 0 || errno == ENOENT) return 0;
    if (errno != EISDIR && errno != EPERM) return -1;
    int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    if (fd < 0) return -1;
    DIR *d = fdopendir(fd);
    if (d == NULL) {
        close(fd);
        return -1;
    }
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
            remove_at(fd, de->d_name) != 0)
            rc = -1;
    closedir(d);
    if (unlinkat(at, name, AT_REMOVEDIR) != 0 && errno != ENOENT) rc = -1;
    return rc;
}

static int remove_tree(const char *path)
{
    return remove_at(AT_FDCWD, path);
}

/* ---- durability ---- */

static int fsync_path(const char *path, int flags)
{
    int fd = open(path, O_RDONLY | flags);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* fsync every file and directory under `fd` (a directory), then `fd`. */
static int fsync_tree(int fd)
{
    DIR *d = fdopendir(fd);
    if (d == NULL) {
        close(fd);
        return -1;
    }
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..")) continue;
        int sub = openat(fd, de->d_name, O_RDONLY | O_NOFOLLOW);
        if (sub < 0) {
            rc = -1;
            continue;
        }
        struct stat sb;
        if (fstat(sub, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            if (fsync_tree(sub) != 0) rc = -1;
        } else {
            if (fsync(sub) != 0) rc = -1;
            close(sub);
        }
    }
    if (fsync(fd) != 0) rc = -1;
    closedir(d);
    return rc;
}

/* ---- the lock ---- */

err_code out_stage_sibling(const out_stage *st, const char *suffix,
                           char *buf, size_t len, err_t *e)
{
    char base[sizeof st->name + 32];
    int n = snprintf(base, sizeof base, ".%s.%s", st->name, suffix);
    if (n < 0 || (size_t)n >= sizeof base)
        return err_set(e, ERR_IO, "%s: name too long for .%s", st->name,
                       suffix);
    return join(buf, len, st->parent, base, e);
}

/* Take PARENT/.NAME.lock, or say which run holds it. */
static err_code lock_take(out_stage *st, err_t *e)
{
    char path[STAGE_PATH_MAX], base[sizeof st->name + 8];
    snprintf(base, sizeof base, ".%s.lock", st->name);
    err_code rc = join(path, sizeof path, st->parent, base, e);
    if (rc != ERR_OK) return rc;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0)
        return err_set(e, ERR_IO, "%s: cannot create the lock file of the "
                       "output directory: %s", path, strerror(errno));
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int why = errno;
        char pid[32] = "";
        ssize_t got = pread(fd, pid, sizeof pid - 1, 0);
        close(fd);
        if (why != EWOULDBLOCK)
            return err_set(e, ERR_IO, "%s: cannot lock: %s", path,
                           strerror(why));
        pid[got > 0 ? got : 0] = '\0';
        pid[strcspn(pid, "\n")] = '\0';
        return err_set(e, ERR_IO, "another specsim run (pid %s) is writing "
                       "%s; wait for it to end or choose another output "
                       "directory", pid[0] ? pid : "unknown", st->dir);
    }
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
        close(fd);
        return err_set(e, ERR_IO, "%s: cannot write: %s", path,
                       strerror(errno));
    }
    st->lock_fd = fd;
    return ERR_OK;
}

/* ---- what killed runs left ---- */

/* Holding the lock: put back a DIR a killed two-rename swap moved away,
 * then remove every staging and old directory of NAME. */
static err_code clean_stale(out_stage *st, err_t *e)
{
    char staging[sizeof st->name + 16], old[sizeof st->name + 16];
    char path[STAGE_PATH_MAX];
    int ns = snprintf(staging, sizeof staging, ".%s.staging.", st->name);
    int no = snprintf(old, sizeof old, ".%s.old.", st->name);
    DIR *d = opendir(st->parent);
    if (d == NULL)
        return err_set(e, ERR_IO, "%s: cannot list: %s", st->parent,
                       strerror(errno));
    struct stat sb;
    bool have_dir = lstat(st->dir, &sb) == 0;
    struct dirent *de;
    err_code rc = ERR_OK;
    while (rc == ERR_OK && (de = readdir(d)) != NULL) {
        bool is_old = !strncmp(de->d_name, old, (size_t)no);
        if (!is_old && strncmp(de->d_name, staging, (size_t)ns)) continue;
        rc = join(path, sizeof path, st->parent, de->d_name, e);
        if (rc != ERR_OK) break;
        if (is_old && !have_dir && rename(path, st->dir) == 0) {
            have_dir = true;
            continue;
        }
        if (remove_tree(path) != 0)
            rc = err_set(e, ERR_IO, "%s: cannot remove what an earlier run "
                         "left: %s", path, strerror(errno));
    }
    closedir(d);
    return rc;
}

/* An existing DIR must be a writable directory holding a result set. */
static err_code check_target(const out_stage *st, err_t *e)
{
    struct stat sb;
    if (lstat(st->dir, &sb) != 0)
        return errno == ENOENT ? ERR_OK
                               : err_set(e, ERR_IO, "%s: %s", st->dir,
                                         strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return err_set(e, ERR_IO, "%s: exists and is not a directory",
                       st->dir);
    if (access(st->dir, W_OK) != 0)
        return err_set(e, ERR_IO, "%s: not writable: %s", st->dir,
                       strerror(errno));
    DIR *d = opendir(st->dir);
    if (d == NULL)
        return err_set(e, ERR_IO, "%s: cannot list: %s", st->dir,
                       strerror(errno));
    struct dirent *de;
    err_code rc = ERR_OK;
    while (rc == ERR_OK && (de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
            !known_entry(de->d_name))
            rc = err_set(e, ERR_IO, "%s: holds '%s', which specsim does not "
                         "write; the directory is replaced as a whole, so "
                         "choose another output directory or move it away",
                         st->dir, de->d_name);
    closedir(d);
    return rc;
}

/* ---- the stage ---- */

static void stage_release(out_stage *st)
{
    if (st->lock_fd >= 0) close(st->lock_fd);
    free(st);
}

err_code out_stage_begin(const char *dir, out_stage **out, err_t *e)
{
    *out = NULL;
    out_stage *st = calloc(1, sizeof *st);
    if (st == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    st->lock_fd = -1;
    char base[sizeof st->name + 32];
    err_code rc = split(st, dir, e);
    if (rc == ERR_OK) rc = out_mkdir(st->parent, e);
    if (rc == ERR_OK) rc = lock_take(st, e);
    if (rc == ERR_OK) rc = clean_stale(st, e);
    if (rc == ERR_OK) rc = check_target(st, e);
    if (rc == ERR_OK) {
        snprintf(base, sizeof base, ".%s.staging.%ld", st->name,
                 (long)getpid());
        rc = join(st->staging, sizeof st->staging, st->parent, base, e);
    }
    if (rc == ERR_OK && mkdir(st->staging, 0777) != 0)
        rc = err_set(e, ERR_IO, "%s: cannot write into %s: %s", dir,
                     st->parent, strerror(errno));
    if (rc != ERR_OK) {
        stage_release(st);
        return rc;
    }
    *out = st;
    return ERR_OK;
}

const char *out_stage_path(const out_stage *st)
{
    SPECSIM_ASSERT(st != NULL);
    return st->staging;
}

const char *out_stage_dir(const out_stage *st)
{
    SPECSIM_ASSERT(st != NULL);
    return st->dir;
}

err_code out_stage_free_bytes(const out_stage *st, uint64_t *bytes, err_t *e)
{
    struct statvfs sv;
    if (statvfs(st->staging, &sv) != 0)
        return err_set(e, ERR_IO, "%s: %s", st->staging, strerror(errno));
    *bytes = (uint64_t)sv.f_bavail * sv.f_frsize;
    return ERR_OK;
}

/* Put the staging directory at DIR: one rename when DIR is absent, an
 * exchange when it exists (two renames where the filesystem cannot
 * exchange). Afterwards the old set, if any, is under st->staging. */
static err_code swap_in(out_stage *st, err_t *e)
{
    struct stat sb;
    if (lstat(st->dir, &sb) != 0 && errno == ENOENT) {
        if (rename(st->staging, st->dir) == 0) return ERR_OK;
        if (errno != EEXIST && errno != ENOTEMPTY)
            return err_set(e, ERR_IO, "%s: cannot move the results into "
                           "place: %s", st->dir, strerror(errno));
    }
    if (renameat2(AT_FDCWD, st->staging, AT_FDCWD, st->dir,
                  RENAME_EXCHANGE) == 0)
        return ERR_OK;
    if (errno != EINVAL && errno != ENOSYS)
        return err_set(e, ERR_IO, "%s: cannot move the results into place: "
                       "%s", st->dir, strerror(errno));
    char old[STAGE_PATH_MAX], base[sizeof st->name + 32];
    snprintf(base, sizeof base, ".%s.old.%ld", st->name, (long)getpid());
    err_code rc = join(old, sizeof old, st->parent, base, e);
    if (rc != ERR_OK) return rc;
    if (rename(st->dir, old) != 0)
        return err_set(e, ERR_IO, "%s: cannot move the old results aside: %s",
                       st->dir, strerror(errno));
    if (rename(st->staging, st->dir) != 0) {
        int why = errno;
        rename(old, st->dir);
        return err_set(e, ERR_IO, "%s: cannot move the results into place: "
                       "%s", st->dir, strerror(why));
    }
    if (rename(old, st->staging) != 0) remove_tree(old);
    return ERR_OK;
}

err_code out_stage_commit(out_stage *st, err_t *e)
{
    SPECSIM_ASSERT(st != NULL);
    err_code rc = ERR_OK;
    int fd = open(st->staging, O_RDONLY | O_DIRECTORY);
    if (fd < 0 || fsync_tree(fd) != 0)
        rc = err_set(e, ERR_IO, "%s: cannot write the results to disk: %s",
                     st->dir, strerror(errno));
    if (rc == ERR_OK) rc = swap_in(st, e);
    if (rc == ERR_OK) fsync_path(st->parent, O_DIRECTORY);
    /* The old set (after a swap) or the unfinished new one (after a
     * failure) is under the staging name. */
    remove_tree(st->staging);
    stage_release(st);
    return rc;
}

void out_stage_abort(out_stage *st)
{
    if (st == NULL) return;
    remove_tree(st->staging);
    stage_release(st);
}
