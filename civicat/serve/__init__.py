"""``civicat serve``, the embedded default: the build, the watcher and the supervisor of the
processes beside it (``server``), the one server process for the site and the forms API on one
port (``web``), the site's files served as CloudFront serves them (``static``), and the
incremental preview that writes an edited page again at once (``preview``)."""
