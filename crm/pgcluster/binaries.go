package pgcluster

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ErrBinariesMissing reports that no directory holds the PostgreSQL server
// programs, so leadgen cannot run its private cluster.
var ErrBinariesMissing = errors.New(`PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on PATH or in /usr/lib/postgresql/*/bin: install them with "apt-get install postgresql" (Debian/Ubuntu) or set DATABASE_URL to an existing server`)

// defaultVersionRoot is where Debian and Ubuntu install versioned server
// programs; they are deliberately not on PATH there.
const defaultVersionRoot = "/usr/lib/postgresql"

// binaries holds absolute paths of the server programs, all from one
// directory so that initdb and the server never come from different versions.
type binaries struct {
	initdb, pgCtl, postgres string
}

// binSearch says where to look for the programs; tests replace it to point
// at empty or fake directories.
type binSearch struct {
	path  string   // PATH-style list, searched first
	roots []string // each root's */bin is searched, highest version first
}

// defaultBinSearch searches the process PATH and the Debian layout.
func defaultBinSearch() binSearch {
	return binSearch{path: os.Getenv("PATH"), roots: []string{defaultVersionRoot}}
}

// find returns the first directory (PATH order, then highest version) that
// holds all three programs.
func (s binSearch) find() (binaries, error) {
	for _, dir := range filepath.SplitList(s.path) {
		if b, ok := binariesIn(dir); ok {
			return b, nil
		}
	}
	for _, root := range s.roots {
		for _, dir := range versionBinDirs(root) {
			if b, ok := binariesIn(dir); ok {
				return b, nil
			}
		}
	}
	return binaries{}, ErrBinariesMissing
}

// binariesIn reports whether dir holds executable initdb, pg_ctl and postgres.
func binariesIn(dir string) (binaries, bool) {
	if dir == "" || !filepath.IsAbs(dir) {
		// A relative PATH entry would resolve against our working directory,
		// which is a classic way to run the wrong program.
		return binaries{}, false
	}
	b := binaries{
		initdb:   filepath.Join(dir, "initdb"),
		pgCtl:    filepath.Join(dir, "pg_ctl"),
		postgres: filepath.Join(dir, "postgres"),
	}
	for _, p := range []string{b.initdb, b.pgCtl, b.postgres} {
		if !isExecutable(p) {
			return binaries{}, false
		}
	}
	return b, true
}

// isExecutable reports whether p is a regular file with an execute bit.
func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// versionBinDirs lists root/*/bin ordered by numeric version, highest first,
// because "9.6" sorts after "15" as a string.
func versionBinDirs(root string) []string {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil
	}
	type cand struct {
		ver []int
		dir string
	}
	var cands []cand
	for _, e := range entries {
		if v, ok := parseVersion(e.Name()); ok {
			cands = append(cands, cand{v, filepath.Join(root, e.Name(), "bin")})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int { return compareVersions(b.ver, a.ver) })
	dirs := make([]string, len(cands))
	for i, c := range cands {
		dirs[i] = c.dir
	}
	return dirs
}

// parseVersion parses "15" or "9.6" into numeric components.
func parseVersion(s string) ([]int, bool) {
	var v []int
	for _, part := range strings.Split(s, ".") {
		n, err := strconv.Atoi(part)
		if err != nil || n < 0 {
			return nil, false
		}
		v = append(v, n)
	}
	return v, true
}

// compareVersions orders numeric versions component by component.
func compareVersions(a, b []int) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] - b[i]
		}
	}
	return len(a) - len(b)
}
