package main

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/leadgen/leadgen"

type goPackage struct {
	ImportPath string
	Imports    []string
	Deps       []string
	Standard   bool
}

// listPackages runs `go list -deps` over the module, as the design asks.
func listPackages(t *testing.T) map[string]goPackage {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "-json", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string]goPackage{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p goPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs[p.ImportPath] = p
	}
	return pkgs
}

func under(path, prefix string) bool {
	return path == module+"/"+prefix || strings.HasPrefix(path, module+"/"+prefix+"/")
}

// TestImportRules keeps the dependency direction of DESIGN.md true:
// arrows point down only.
func TestImportRules(t *testing.T) {
	pkgs := listPackages(t)
	ours := 0
	for path, p := range pkgs {
		if !strings.HasPrefix(path, module) {
			continue
		}
		ours++
		for _, imp := range p.Imports {
			if why := importViolation(path, imp); why != "" {
				t.Errorf("%s imports %s: %s", path, imp, why)
			}
		}
		if under(path, "scoring") {
			for _, d := range p.Deps {
				if dep, ok := pkgs[d]; ok && !dep.Standard {
					t.Errorf("%s depends on %s: scoring is stdlib only", path, d)
				}
			}
		}
		if under(path, "crawlers") {
			for _, d := range p.Deps {
				if under(d, "crm") || under(d, "sql") || under(d, "views") {
					t.Errorf("%s depends on %s: crawlers never reach crm, sql or views", path, d)
				}
			}
		}
	}
	if ours < 8 {
		t.Fatalf("go list found only %d leadgen packages", ours)
	}
}

// importViolation says why from may not import imp, or "" when it may.
func importViolation(from, imp string) string {
	switch {
	case strings.HasPrefix(imp, "github.com/labstack/echo") && !under(from, "crm/web"):
		return "only crm/web imports Echo"
	case strings.HasPrefix(imp, "github.com/jackc/pgx") && !(under(from, "crm") || under(from, "sql") || under(from, "cmd")):
		return "only crm and sql talk to PostgreSQL"
	case under(from, "views") && strings.HasPrefix(imp, module+"/") && !(under(imp, "crm") && !under(imp, "crm/web")) && !under(imp, "scoring"):
		return "views know only crm's types"
	case under(from, "crm") && !under(from, "crm/web") && (under(imp, "crm/web") || under(imp, "views") || under(imp, "cmd")):
		return "crm sits below the web layer"
	case !under(from, "cmd") && under(imp, "cmd"):
		return "nothing imports cmd"
	}
	return ""
}

func TestImportViolationCatchesBadArrows(t *testing.T) {
	bad := [][2]string{
		{module + "/crm", "github.com/labstack/echo/v4"},
		{module + "/crawlers/edgar", "github.com/jackc/pgx/v5"},
		{module + "/views", module + "/crm/web"},
		{module + "/crm", module + "/views"},
		{module + "/crm/web", module + "/cmd/leadgen"},
	}
	for _, b := range bad {
		if importViolation(b[0], b[1]) == "" {
			t.Errorf("%s → %s was not flagged", b[0], b[1])
		}
	}
	good := [][2]string{
		{module + "/crm/web", "github.com/labstack/echo/v4"},
		{module + "/views", module + "/crm"},
		{module + "/crm", module + "/scoring"},
	}
	for _, g := range good {
		if why := importViolation(g[0], g[1]); why != "" {
			t.Errorf("%s → %s flagged: %s", g[0], g[1], why)
		}
	}
}
