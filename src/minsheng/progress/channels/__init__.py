"""Channels for notices (催报提醒, 催办单): the ways a notice leaves the platform besides the
unit's own page.

- `base.py`: the protocol. A channel has a `key` (its name in settings), a Chinese `label`, and
  `send(message, unit) -> list[Outcome]`: one outcome per recipient it tried, delivered or
  failed with the platform's own error; an empty list when the unit has no address for it.
- `registry.py`: the channels this installation uses (`MINSHENG_NOTICE_CHANNELS`, e.g.
  `email,wecom,dingtalk`) and `deliver`, which runs every one of them for a notice and records a
  `Delivery` row per recipient. One channel failing never stops the others nor undoes the notice.
- `email.py` (SMTP through Django), `wecom.py` (企业微信 group robot), `dingtalk.py` (钉钉 custom
  robot, signed), `robot.py` (the JSON POST both robots take and their errcode answer).
- Per-unit addresses are `progress.models.UnitAddress`, edited from the unit directory
  (`address_views.py`).

Adding a channel, e.g. an SMS gateway: add the unit's phone numbers to `UnitAddress` (a
field and a migration) and to the form in `addresses.py`; write `sms.py` with a class

    class SmsChannel:
        key = "sms"
        label = "短信"

        def send(self, message: Message, unit: Unit) -> list[Outcome]:
            numbers = UnitAddress.of(unit.pk).phones
            return [self._one(number, message.plain(limit_bytes=...)) for number in numbers]

where `_one` calls the gateway and returns `Outcome(number)` or `Outcome(number, error)`; then
name it in `registry.CHANNELS` and add `sms` to `MINSHENG_NOTICE_CHANNELS`. Test it against a
local HTTP server that answers as the gateway does (tests/robot_servers.py shows how).
"""
