// Package pgcluster runs a private PostgreSQL server for leadgen when no
// DATABASE_URL is configured, so a single binary works out of the box.
//
// It uses the system's PostgreSQL programs (PATH, else the highest
// /usr/lib/postgresql/*/bin) instead of bundling them: they get security
// updates from the distribution, and leadgen stays small.
//
// Layout under Options.Dir (LEADGEN_DATA):
//
//	pg/                 the cluster (PGDATA), created by initdb on first start
//	pg.log              server log
//	run/                unix socket directory (mode 0700)
//	leadgen.lock        held shared by every process using the server
//	leadgen.start.lock  held exclusively while starting or stopping
//
// Why unix sockets only: the server never listens on TCP, so it cannot clash
// with another PostgreSQL on port 5432 or be reached from the network, and
// trust authentication is safe because only the socket's owner (and root)
// can connect to a 0700 socket. When Dir is so deep that the socket path
// would exceed the 107-byte sun_path limit, the socket goes to a short
// per-Dir directory under os.TempDir() instead.
//
// Why a user switch: PostgreSQL refuses to run as root. When leadgen runs as
// root the programs run as "postgres" (or "nobody"); pg/, pg.log and run/ are
// handed to that user while Dir itself stays the caller's. Ancestors of Dir
// must be searchable by that user; Start names the one that is not rather
// than loosening permissions behind the administrator's back.
//
// Why two locks: flock(2) locks die with their process, so a crash never
// leaves a lock behind. Start takes leadgen.start.lock exclusively, starts the
// server or attaches to the one another leadgen process runs, then holds
// leadgen.lock shared for as long as the Cluster is in use. Stop takes the
// start lock again and converts its shared lock to exclusive without
// waiting: success means no other process uses the server, so it is shut
// down; otherwise it is left running for the others. A single lock file
// cannot do this, because a process holding it shared would block every
// later Start from deciding exclusively.
//
// Crash recovery: a postmaster.pid whose process is gone, a zombie, or not a
// postgres process working in this data directory (a recycled PID) is
// removed together with the socket lock, after checking that no orphaned
// backend still uses the data files.
package pgcluster
