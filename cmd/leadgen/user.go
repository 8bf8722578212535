package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/leadgen/leadgen/crm"
)

func runUser(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(e.stdout, "Usage: leadgen user add --email E --role admin|sales  (password from stdin, or generated and printed once)")
			return errHelp
		}
		return usageError{"usage: leadgen user add --email E --role admin|sales"}
	}
	c, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	c.dbFlags(fs)
	email := fs.String("email", "", "the user's e-mail address (required)")
	role := fs.String("role", "sales", "admin or sales")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *email == "" {
		return usageError{"user add: --email is required"}
	}
	password, generated, err := readPassword(e.stdin)
	if err != nil {
		return err
	}
	return withStore(ctx, e, c, true, func(store *crm.Store, log *slog.Logger) error {
		u, err := store.CreateUser(ctx, *email, password, crm.Role(*role))
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "created %s user %s\n", u.Role, u.Email)
		if generated {
			fmt.Fprintf(e.stdout, "password (shown once): %s\n", password)
		}
		return nil
	})
}

// readPassword takes the first line of a piped stdin, or generates one when
// stdin is a terminal or empty.
func readPassword(stdin io.Reader) (string, bool, error) {
	if f, ok := stdin.(*os.File); ok && (f == nil || isTerminal(f)) {
		return crm.GeneratePassword(), true, nil
	}
	if stdin == nil {
		return crm.GeneratePassword(), true, nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", false, fmt.Errorf("read password from stdin: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return crm.GeneratePassword(), true, nil
	}
	return line, false, nil
}
