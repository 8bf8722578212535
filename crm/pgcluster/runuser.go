package pgcluster

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// runUser is the account the PostgreSQL programs run as. PostgreSQL refuses
// to run as root, so when leadgen is root we drop to an unprivileged account.
type runUser struct {
	name     string
	uid, gid uint32
	groups   []uint32 // supplementary groups, applied on exec and in permission checks
	home     string   // HOME for the child when switching; the real home may not exist
	switchTo bool     // true when the child must run with these credentials
}

// fallbackUsers are tried in order when running as root: "postgres" is the
// account distribution packages create, "nobody" exists everywhere.
var fallbackUsers = []string{"postgres", "nobody"}

// chooseRunUser picks who runs PostgreSQL: the caller itself, or for root the
// first account from fallbackUsers that lookup finds.
func chooseRunUser(euid, egid int, lookup func(string) (*user.User, error)) (runUser, error) {
	if euid != 0 {
		return runUser{name: "uid " + strconv.Itoa(euid), uid: uint32(euid), gid: uint32(egid)}, nil
	}
	var errs []string
	for _, name := range fallbackUsers {
		u, err := lookup(name)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		return runUserFrom(u)
	}
	return runUser{}, fmt.Errorf("running as root but no unprivileged user to run PostgreSQL as (%s): create a %q user or run leadgen as a normal user", strings.Join(errs, "; "), fallbackUsers[0])
}

// runUserFrom converts a looked-up account into credentials to switch to.
func runUserFrom(u *user.User) (runUser, error) {
	uid, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return runUser{}, fmt.Errorf("user %s: uid %q: %w", u.Username, u.Uid, err)
	}
	gid, err := strconv.ParseUint(u.Gid, 10, 32)
	if err != nil {
		return runUser{}, fmt.Errorf("user %s: gid %q: %w", u.Username, u.Gid, err)
	}
	r := runUser{name: u.Username, uid: uint32(uid), gid: uint32(gid), switchTo: true}
	ids, _ := u.GroupIds() // best effort: without them we only lose supplementary groups
	for _, s := range ids {
		if g, err := strconv.ParseUint(s, 10, 32); err == nil && uint32(g) != r.gid {
			r.groups = append(r.groups, uint32(g))
		}
	}
	return r, nil
}

// canSearch reports whether the user may traverse the directory described by
// fi, using classic owner/group/other bits (ACLs are not consulted).
func (u runUser) canSearch(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	perm := fi.Mode().Perm()
	switch {
	case st.Uid == u.uid:
		return perm&0o100 != 0
	case st.Gid == u.gid || slices.Contains(u.groups, st.Gid):
		return perm&0o010 != 0
	default:
		return perm&0o001 != 0
	}
}

// checkAncestors fails with an actionable message when a directory above dir
// blocks the run user: the server would otherwise die with a vague
// "permission denied" deep inside initdb.
func (u runUser) checkAncestors(dir string) error {
	if !u.switchTo {
		return nil // we created dir ourselves, so every ancestor is searchable by us
	}
	for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("check %s: %w", p, err)
		}
		if !u.canSearch(fi) {
			return fmt.Errorf("directory %s (mode %04o) is not searchable by user %q (uid %d), which runs PostgreSQL because leadgen runs as root: put the data directory (LEADGEN_DATA) elsewhere or allow traversal with \"chmod o+x %s\"",
				p, fi.Mode().Perm(), u.name, u.uid, p)
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}

// own hands path to the run user so the server can write it; a no-op when we
// are the run user already.
func (u runUser) own(path string) error {
	if !u.switchTo {
		return nil
	}
	if err := os.Lchown(path, int(u.uid), int(u.gid)); err != nil {
		return fmt.Errorf("chown %s: %w", path, err)
	}
	return nil
}

// checkOwner refuses a directory another account owns: PostgreSQL would
// refuse it anyway, with a less helpful message.
func (u runUser) checkOwner(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%w", err)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Uid != u.uid {
		return fmt.Errorf("%s is owned by uid %d but PostgreSQL runs as %s (uid %d): run leadgen as the same user that created it, or chown it", path, st.Uid, u.name, u.uid)
	}
	return nil
}

// command builds an exec.Cmd running as the run user in workDir with a
// scrubbed environment, so a caller's PGDATA/PGHOST cannot redirect pg_ctl.
func (u runUser) command(ctx context.Context, workDir, prog string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Dir = workDir
	cmd.WaitDelay = 5 * time.Second // pg_ctl's children must not hold us forever
	env := []string{"LC_ALL=C", "LANG=C"}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "PG") || strings.HasPrefix(k, "LC_") || k == "LANG" || (u.switchTo && (k == "HOME" || k == "USER" || k == "LOGNAME")) {
			continue
		}
		env = append(env, kv)
	}
	if u.switchTo {
		env = append(env, "HOME="+u.home, "USER="+u.name, "LOGNAME="+u.name)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{
			Uid: u.uid, Gid: u.gid, Groups: u.groups,
		}}
	}
	cmd.Env = env
	return cmd
}
