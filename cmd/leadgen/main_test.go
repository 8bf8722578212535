package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/crm/crmtest"
)

func TestMain(m *testing.M) { crmtest.Main(m) }

// cli runs leadgen in-process with env as its whole environment.
func cli(ctx context.Context, env map[string]string, stdin string, args ...string) (stdout, stderr string, err error) {
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	err = run(ctx, args, getenv, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

func mustCLI(t *testing.T, env map[string]string, stdin string, args ...string) string {
	t.Helper()
	out, errOut, err := cli(context.Background(), env, stdin, args...)
	if err != nil {
		t.Fatalf("leadgen %s: %v\n%s", strings.Join(args, " "), err, errOut)
	}
	return out
}

func TestHelpAndUsage(t *testing.T) {
	t.Parallel()
	for _, cmd := range []string{"serve", "crawl", "sources", "migrate", "export", "import", "user", "version"} {
		out, errOut, err := cli(context.Background(), nil, "", cmd, "--help")
		if exitCode(err, &bytes.Buffer{}) != 0 || !strings.Contains(out+errOut, "Usage: leadgen "+cmd) {
			t.Errorf("%s --help: err %v, output %q", cmd, err, out+errOut)
		}
	}
	for _, args := range [][]string{{}, {"frobnicate"}, {"crawl", "--source", "nowhere"}, {"crawl", "--since", "yesterday"}, {"export", "--min-score", "300"}, {"user", "add"}, {"serve", "extra"}} {
		_, _, err := cli(context.Background(), nil, "", args...)
		if code := exitCode(err, &bytes.Buffer{}); code != 2 {
			t.Errorf("leadgen %v: exit %d (%v), want 2", args, code, err)
		}
	}
	out := mustCLI(t, nil, "", "version")
	if !strings.HasPrefix(out, "leadgen ") {
		t.Errorf("version = %q", out)
	}
}

func TestCrawlNeedsAContactEmail(t *testing.T) {
	t.Parallel()
	_, _, err := cli(context.Background(), map[string]string{"DATABASE_URL": "postgres://unused"}, "", "crawl", "--source", "edgar")
	if err == nil || !strings.Contains(err.Error(), "LEADGEN_CONTACT_EMAIL") {
		t.Fatalf("crawl without contact: %v", err)
	}
}

func TestUserAdd(t *testing.T) {
	t.Parallel()
	env := map[string]string{"DATABASE_URL": crmtest.URL(t)}
	out := mustCLI(t, env, "a very secret password\n", "user", "add", "--email", "boss@example.com", "--role", "admin")
	if !strings.Contains(out, "created admin user boss@example.com") || strings.Contains(out, "password") {
		t.Fatalf("user add with piped password: %q", out)
	}
	out = mustCLI(t, env, "", "user", "add", "--email", "rep@example.com")
	if !strings.Contains(out, "password (shown once): ") {
		t.Fatalf("user add without a password must generate one: %q", out)
	}
	if _, _, err := cli(context.Background(), env, "x\n", "user", "add", "--email", "boss@example.com"); err == nil {
		t.Fatal("duplicate user or short password accepted")
	}
}
