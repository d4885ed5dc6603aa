"""Enforcement's use cases: each takes its command and a unit of work and is the domain's only
caller. `tasks` and `cases` serve people (departments, townships, readers), `records` what
reached them, `whistle` the commands of the whistle workflow, `reports` patrol's reports.
"""
