package main

import (
	"context"
	"fmt"
)

func main() {
	root, cancelRoot := context.WithCancel(context.Background())
	defer cancelRoot()
	api, cancelAPI := context.WithCancel(root)
	defer cancelAPI()
	db, cancelDB := context.WithCancel(api) // a grandchild of root
	defer cancelDB()
	jobs, cancelJobs := context.WithCancel(root)
	defer cancelJobs()

	show := func(step string) {
		fmt.Printf("%-14s root=%v api=%v db=%v jobs=%v\n", step,
			root.Err(), api.Err(), db.Err(), jobs.Err())
	}
	show("start:")
	cancelAPI() // cancels api and everything derived from it
	show("cancel api:")
	cancelRoot() // cancels what is left of the tree
	show("cancel root:")
}
