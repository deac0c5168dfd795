package main

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"time"
)

// A tiny in-memory driver: every query returns the rows 1, 2, 3.
type drv struct{}
type conn struct{}
type stmt struct{}
type rows struct{ n int }

func (drv) Open(string) (driver.Conn, error)            { return conn{}, nil }
func (conn) Prepare(string) (driver.Stmt, error)        { return stmt{}, nil }
func (conn) Close() error                               { return nil }
func (conn) Begin() (driver.Tx, error)                  { return conn{}, nil }
func (conn) Commit() error                              { return nil }
func (conn) Rollback() error                            { return nil }
func (stmt) Close() error                               { return nil }
func (stmt) NumInput() int                              { return -1 }
func (stmt) Exec([]driver.Value) (driver.Result, error) { return driver.RowsAffected(1), nil }
func (stmt) Query([]driver.Value) (driver.Rows, error)  { return &rows{}, nil }
func (*rows) Columns() []string                         { return []string{"id"} }
func (*rows) Close() error                              { return nil }
func (r *rows) Next(dest []driver.Value) error {
	if r.n == 3 {
		return io.EOF
	}
	r.n++
	dest[0] = int64(r.n)
	return nil
}

// firstID reads one row and returns: rows is never closed, so its
// connection never goes back to the pool.
func firstID(ctx context.Context, db *sql.DB) (int, error) {
	rs, err := db.QueryContext(ctx, "SELECT id FROM orders")
	if err != nil {
		return 0, err
	}
	var id int
	rs.Next()
	return id, rs.Scan(&id)
}

// transfer begins a transaction and returns early on a failed check,
// with neither Commit nor Rollback.
func transfer(ctx context.Context, db *sql.DB, amount int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if amount <= 0 {
		return fmt.Errorf("bad amount %d", amount)
	}
	return tx.Commit()
}

// serverCtx lives as long as the process, like a server's base context
// or a background worker's; it is cancelled only at shutdown.
var serverCtx, shutdown = context.WithCancel(context.Background())

func main() {
	sql.Register("mem", drv{})
	db, _ := sql.Open("mem", "")
	defer db.Close()
	db.SetMaxOpenConns(2)

	// Inside a handler: r.Context() is cancelled when the handler returns,
	// and the awaitDone goroutines then close the Rows and roll back the Tx.
	req, handlerReturns := context.WithCancel(serverCtx)
	firstID(req, db)
	transfer(req, db, 0)
	fmt.Println("during the request, connections in use:", db.Stats().InUse)
	handlerReturns()
	for db.Stats().InUse > 0 { // the cleanup runs on those goroutines
		time.Sleep(time.Millisecond)
	}
	fmt.Println("after the request, connections in use:", db.Stats().InUse)

	// With a context that outlives the call, nothing ever cancels them.
	ctx := serverCtx
	id, err := firstID(ctx, db)
	fmt.Println("first id:", id, err)
	fmt.Println("transfer:", transfer(ctx, db, 0))

	// Both connections are now held by an open Rows and an open Tx.
	short, stop := context.WithTimeout(ctx, time.Second)
	defer stop()
	_, err = firstID(short, db)
	fmt.Println("next query:", err)
	fmt.Println("open connections in use:", db.Stats().InUse)
}
