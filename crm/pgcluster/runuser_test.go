package pgcluster

import (
	"context"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fakeUsers returns a lookup that knows only the given accounts.
func fakeUsers(users ...*user.User) func(string) (*user.User, error) {
	return func(name string) (*user.User, error) {
		for _, u := range users {
			if u.Username == name {
				return u, nil
			}
		}
		return nil, user.UnknownUserError(name)
	}
}

func TestChooseRunUser(t *testing.T) {
	t.Parallel()
	pg := &user.User{Username: "postgres", Uid: "101", Gid: "104"}
	nobody := &user.User{Username: "nobody", Uid: "65534", Gid: "65534"}
	for _, tc := range []struct {
		name     string
		euid     int
		lookup   func(string) (*user.User, error)
		wantName string
		wantUID  uint32
		switchTo bool
	}{
		{"non-root runs as itself", 1000, fakeUsers(pg, nobody), "uid 1000", 1000, false},
		{"root prefers postgres", 0, fakeUsers(nobody, pg), "postgres", 101, true},
		{"root falls back to nobody", 0, fakeUsers(nobody), "nobody", 65534, true},
	} {
		got, err := chooseRunUser(tc.euid, 1000, tc.lookup)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got.name != tc.wantName || got.uid != tc.wantUID || got.switchTo != tc.switchTo {
			t.Errorf("%s: got %+v", tc.name, got)
		}
	}
	if _, err := chooseRunUser(0, 0, fakeUsers()); err == nil || !strings.Contains(err.Error(), "no unprivileged user") {
		t.Errorf("root without candidates: got %v", err)
	}
}

func TestCheckAncestors(t *testing.T) {
	t.Parallel()
	locked := t.TempDir() // 0700, owned by whoever runs the test
	if err := os.Chmod(locked, 0o700); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(locked, "data")
	stranger := runUser{name: "stranger", uid: 4242, gid: 4242, switchTo: true}
	err := stranger.checkAncestors(dir)
	if err == nil || !strings.Contains(err.Error(), locked+" (mode 0700) is not searchable by user \"stranger\"") {
		t.Fatalf("got %v, want an error naming %s", err, locked)
	}
	if err := os.Chmod(locked, 0o711); err != nil {
		t.Fatal(err)
	}
	if err := stranger.checkAncestors(dir); err != nil && strings.Contains(err.Error(), locked+" ") {
		t.Errorf("after chmod 0711: %v", err) // t.TempDir's own parent may still block; only ours matters
	}
	self := runUser{uid: uint32(os.Geteuid())}
	if err := self.checkAncestors(dir); err != nil {
		t.Errorf("no switch: %v", err)
	}
}

func TestStartRefusesUnsearchableAncestorAsRoot(t *testing.T) {
	t.Parallel()
	if os.Geteuid() != 0 {
		t.Skip("only root switches to another user")
	}
	bins := fakeBinDir(t, filepath.Join(testDir(t), "bin"), "initdb", "pg_ctl", "postgres")
	parent := filepath.Join(testDir(t), "locked") // like /root or t.TempDir(): 0700
	if err := os.Mkdir(parent, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := Start(context.Background(), Options{Dir: filepath.Join(parent, "data"), search: &binSearch{path: bins}})
	if err == nil || !strings.Contains(err.Error(), parent) || !strings.Contains(err.Error(), "chmod o+x") {
		t.Fatalf("got %v, want an error naming %s and the fix", err, parent)
	}
	if fi, err := os.Stat(parent); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("ancestor mode changed: %v %v", fi.Mode(), err)
	}
}

func TestCommandEnvironment(t *testing.T) {
	t.Setenv("PGHOST", "/elsewhere")
	t.Setenv("PGDATA", "/elsewhere")
	t.Setenv("HOME", "/root-home")
	u := runUser{name: "postgres", uid: 101, gid: 104, groups: []uint32{7}, home: "/data/pg", switchTo: true}
	cmd := u.command(context.Background(), "/data", "/bin/true", "x")
	for _, kv := range cmd.Env {
		if strings.HasPrefix(kv, "PG") || kv == "HOME=/root-home" {
			t.Errorf("env leaks %s", kv)
		}
	}
	if !slices.Contains(cmd.Env, "HOME=/data/pg") || !slices.Contains(cmd.Env, "USER=postgres") {
		t.Errorf("env lacks HOME/USER of run user: %v", cmd.Env)
	}
	cr := cmd.SysProcAttr.Credential
	if cr == nil || cr.Uid != 101 || cr.Gid != 104 || !slices.Equal(cr.Groups, []uint32{7}) {
		t.Errorf("credential = %+v", cr)
	}
	self := runUser{uid: 1000}
	if c := self.command(context.Background(), "/", "/bin/true"); c.SysProcAttr != nil || !slices.Contains(c.Env, "HOME=/root-home") {
		t.Errorf("non-switching command changed credentials or HOME: %+v", c.SysProcAttr)
	}
}

func TestRunUserFromBadIDs(t *testing.T) {
	t.Parallel()
	_, err := runUserFrom(&user.User{Username: "x", Uid: "abc", Gid: "1"})
	if err == nil || !strings.Contains(err.Error(), "uid") {
		t.Errorf("got %v", err)
	}
}
