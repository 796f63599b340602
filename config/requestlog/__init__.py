"""The request log: every non-idempotent request, who, when, which route, which
object and the outcome (issue 14 #4), as OS2BOS keeps one.

Never a body, a query string or a raw path: the route is the URL name (or its
pattern) and the object the URL's keyword arguments, and anything CPR-shaped is
masked all the same. Rows are kept ``REQUESTLOG_OPBEVARING_DAGE`` days (default
five years, as long as the bogføringslov keeps the accounts the budgets feed) and
then deleted by the nightly beat task ``forespoergsel_ryd_task`` or by hand with
``manage.py ryd_forespoergsler``.
"""
