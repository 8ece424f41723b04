"""``civicat serve``, the embedded default: the built site and the forms API on one port
(``server``), and the incremental preview that writes an edited page again at once (``preview``)."""
