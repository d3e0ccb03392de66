// `flowtrace-annotate`: `@TraceAll` written out as `@Trace` per member. Its own executable so
// the `flowtrace` CLI does not link swift-syntax; `flowtrace annotate` runs it.
AnnotateCommand.main()
