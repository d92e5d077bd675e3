// Command wasm is the playground page's WebAssembly main (web/app.wasm): it registers the routes and
// runs the go-app UI in the browser. Built natively it does nothing.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	playground "github.com/rnn-playground/rnn-playground/app"
)

func main() {
	playground.Routes()
	app.RunWhenOnBrowser()
}
