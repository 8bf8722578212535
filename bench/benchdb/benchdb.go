// Package benchdb gives leadgen's benchmark harnesses a migrated database:
// the one they are pointed at, or a private cluster in a temporary
// directory, removed when they are done.
package benchdb

import (
	"context"
	"fmt"
	"os"

	"github.com/leadgen/leadgen/crm"
	"github.com/leadgen/leadgen/crm/pgcluster"
)

// Open returns a store on url (migrated), or with url empty on a private
// cluster it starts; done releases what Open took.
func Open(ctx context.Context, url string) (store *crm.Store, done func(), err error) {
	var undo []func()
	done = func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
	defer func() {
		if err != nil {
			done()
		}
	}()
	if url == "" {
		dir, err := os.MkdirTemp("", "leadgen-bench-*")
		if err != nil {
			return nil, nil, err
		}
		undo = append(undo, func() { os.RemoveAll(dir) })
		if err := os.Chmod(dir, 0o755); err != nil { // the server may run as another user
			return nil, nil, err
		}
		cl, err := pgcluster.Start(ctx, pgcluster.Options{Dir: dir})
		if err != nil {
			return nil, nil, err
		}
		undo = append(undo, func() { cl.Stop(context.Background()) }) //nolint:errcheck // best effort at exit
		url = cl.URL()
	}
	pool, err := crm.Open(ctx, url)
	if err != nil {
		return nil, nil, err
	}
	undo = append(undo, pool.Close)
	if err := crm.Migrate(ctx, pool); err != nil {
		return nil, nil, fmt.Errorf("migrate: %w", err)
	}
	return crm.NewStore(pool, crm.StoreOptions{}), done, nil
}
