// Package app is the playground page: go-app components that show the controls and the live views,
// and talk to the training worker (package worker, run in a Web Worker) by messages. It holds no
// training logic.
package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Routes registers the page's routes. The wasm main and the server (and the static-site generator) call
// it alike, so the server prerenders what the browser then mounts.
func Routes() {
	app.Route("/", func() app.Composer { return newPlayground() })
}

// Handler is the go-app handler for the page. version fixes the cache version (empty: go-app's
// time-based one); every resource is local, so the page works offline and sends no request elsewhere.
func Handler(version string) *app.Handler {
	return &app.Handler{
		Name:            "RNN Playground",
		ShortName:       "RNN Playground",
		Title:           "RNN Playground — recurrent networks live in the browser",
		Description:     "Train vanilla RNNs, LSTMs and GRUs live in the browser and watch their gradients flow through time.",
		Lang:            "en",
		Author:          "rnn-playground",
		Version:         version,
		LoadingLabel:    "RNN Playground {progress}%",
		BackgroundColor: "#f8fafc",
		ThemeColor:      "#0f172a",
		Icon: app.Icon{
			Default: "/web/icon-192.png",
			Large:   "/web/icon-512.png",
			SVG:     "/web/icon.svg",
		},
		Styles:  []string{"/web/style.css"},
		Scripts: []string{"/web/page.js"},
		CacheableResources: []string{
			"/web/worker.js",
			"/web/page.js",
			"/web/style.css",
			"/web/icon.svg",
		},
	}
}
