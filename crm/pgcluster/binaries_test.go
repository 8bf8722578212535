package pgcluster

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindBinariesMissing(t *testing.T) {
	t.Parallel()
	empty := t.TempDir()
	partial := fakeBinDir(t, filepath.Join(empty, "partial"), "pg_ctl", "postgres") // no initdb
	s := binSearch{path: partial + ":relative/bin", roots: []string{empty, filepath.Join(empty, "absent")}}
	_, err := s.find()
	if !errors.Is(err, ErrBinariesMissing) {
		t.Fatalf("find: got %v, want ErrBinariesMissing", err)
	}
	_, err = Start(context.Background(), Options{Dir: t.TempDir(), search: &s})
	if !errors.Is(err, ErrBinariesMissing) {
		t.Fatalf("Start: got %v, want ErrBinariesMissing", err)
	}
	for _, want := range []string{"pgcluster: start: ", "initdb, pg_ctl", "/usr/lib/postgresql/*/bin", `apt-get install postgresql`, "DATABASE_URL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestFindBinariesHighestVersion(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	all := []string{"initdb", "pg_ctl", "postgres"}
	for _, v := range []string{"9.6", "10", "15", "15.2"} {
		fakeBinDir(t, filepath.Join(root, v, "bin"), all...)
	}
	fakeBinDir(t, filepath.Join(root, "17", "bin"), "pg_ctl") // incomplete: skipped
	fakeBinDir(t, filepath.Join(root, "main", "bin"), all...) // not a version: skipped
	b, err := binSearch{roots: []string{root}}.find()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(root, "15.2", "bin", "initdb"); b.initdb != want {
		t.Errorf("initdb = %s, want %s", b.initdb, want)
	}
	if want := filepath.Join(root, "15.2", "bin", "postgres"); b.postgres != want {
		t.Errorf("postgres = %s, want %s", b.postgres, want)
	}
}

func TestFindBinariesPathFirst(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	all := []string{"initdb", "pg_ctl", "postgres"}
	fakeBinDir(t, filepath.Join(root, "versions", "16", "bin"), all...)
	onPath := fakeBinDir(t, filepath.Join(root, "usr", "bin"), all...)
	partial := fakeBinDir(t, filepath.Join(root, "partial"), "initdb")
	s := binSearch{path: partial + ":" + onPath, roots: []string{filepath.Join(root, "versions")}}
	b, err := s.find()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(onPath, "pg_ctl"); b.pgCtl != want {
		t.Errorf("pg_ctl = %s, want %s (PATH wins over version dirs)", b.pgCtl, want)
	}
}

func TestCompareVersions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b string
		sign int
	}{{"15", "9.6", 1}, {"9.6", "10", -1}, {"15", "15.2", -1}, {"16", "16", 0}} {
		a, _ := parseVersion(tc.a)
		b, _ := parseVersion(tc.b)
		got := compareVersions(a, b)
		if (got > 0) != (tc.sign > 0) || (got < 0) != (tc.sign < 0) {
			t.Errorf("compare(%s, %s) = %d, want sign %d", tc.a, tc.b, got, tc.sign)
		}
	}
}
