"""The market side: approved lists and DPSs that reopen on a schedule, providers' applications
to join them, and what providers tell us about their homes (vacancies, pauses).

Like the referral lifecycle, each workflow is a table of states and events with a pure
decide function (states.py, application.py, window.py, notices.py), carried out by the
engine's one runner through its subject (subjects.py); mail to `providers@` is routed by
mailroom.py and classified by classify.py.
"""
