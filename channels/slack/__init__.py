"""The Slack adapter: Block Kit rendering, the outbox sender, and the bolt app behind
`/slack/events` (or Socket Mode).

- `blocks.render(template, context)` turns a `PostSlack` command into a message payload.
- `sender.SlackSender` delivers `slack_outbox` rows to the Web API, retrying like email.
- `app.build_slack_app(...)` is the bolt app: approval buttons, the reason modal, `/referral`.
- `http.add_slack_routes(web_app, bolt_app)` mounts `POST /slack/events` on the web server.
"""
