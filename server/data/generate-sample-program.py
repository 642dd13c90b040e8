#!/usr/bin/env python3
"""Writes sample-program.json, loyalty-server's built-in program.

Run it after changing a member here; the JSON is committed so the server needs no Python.
Every member shows one state the widget has; `about` says which.
"""

import json
import pathlib
import random

DAY = 86_400


def long_history():
    """300 entries over five years, earning and spending, notes on some, a few undated.

    Sent oldest first: the API does not document an order, so the widget must sort.
    """
    rng = random.Random(17)
    earn = [
        ("purchase", 25, 400),
        ("product review", 50, 50),
        ("referral bonus", 500, 500),
        ("event check-in", 100, 100),
        ("birthday bonus", 250, 250),
        ("social share", 10, 10),
    ]
    spend = [
        ("reward redemption: free shipping", -500),
        ("reward redemption: $10 voucher", -1000),
        ("points adjustment", -75),
    ]
    start = 1_609_459_200  # 2021-01-01T00:00:00Z
    entries = []
    when = start
    for i in range(296):
        when += rng.randint(DAY, 11 * DAY)
        if i % 9 == 8:
            name, points = rng.choice(spend)
        else:
            name, low, high = rng.choice(earn)
            points = rng.randint(low, high)
        entry = {"name": name, "num_points": points, "notes": None, "date_created": when}
        if i % 7 == 3:
            entry["notes"] = f"Order #{10_000 + i}: thank you for shopping with us."
        entries.append(entry)
    for name, points in [("legacy import", 1200), ("store credit migration", 300),
                         ("manual correction", -40), ("legacy import", 80)]:
        entries.append({"name": name, "num_points": points, "notes": "Imported without a date."})
    return entries


def totals(entries):
    total = sum(e["num_points"] for e in entries if e["num_points"] > 0)
    redeemable = sum(e["num_points"] for e in entries)
    return total, redeemable


def main():
    history = long_history()
    history_total, history_redeemable = totals(history)
    members = [
        {
            "about": "The API documentation's sample member, exactly",
            "ids": {"id": "16", "email": "alice@crowdtwist.com", "username": "alice",
                    "third_party_id": "ct-alice-0016"},
            "response": {"body": {
                "id": 16, "total_points": 1000, "redeemable_points": 1000,
                "num_points_purchased": 0,
                "activities": [{"name": "user registration", "num_points": 1000, "notes": None,
                                "date_created": 1460793600}],
                "fan_level": "New Fan"}},
        },
        {
            "about": "A long history: 300 entries over five years, spending and undated entries",
            "ids": {"id": "17", "email": "ben.long@example.com", "username": "ben_long",
                    "mobile_phone_number": "+1 555 0100"},
            "response": {"body": {
                "id": 17, "total_points": history_total, "redeemable_points": history_redeemable,
                "num_points_purchased": 0, "activities": history, "fan_level": "Gold Fan"}},
        },
        {
            "about": "A new member with no activity yet",
            "ids": {"id": "18", "email": "new.member@example.com", "username": "newbie"},
            "response": {"body": {
                "id": 18, "total_points": 0, "redeemable_points": 0, "num_points_purchased": 0,
                "activities": [], "fan_level": "New Fan"}},
        },
        {
            "about": "Large balances, tens of millions",
            "ids": {"id": "19", "email": "whale@example.com", "username": "whale"},
            "response": {"body": {
                "id": 19, "total_points": 48_213_977, "redeemable_points": 31_000_450,
                "num_points_purchased": 2_500_000,
                "activities": [
                    {"name": "points purchase", "num_points": 2_500_000,
                     "notes": "Bulk purchase", "date_created": 1_727_740_800},
                    {"name": "corporate event sponsorship", "num_points": 45_713_977,
                     "notes": None, "date_created": 1_704_067_200},
                    {"name": "reward redemption: private jet day", "num_points": -17_213_527,
                     "notes": None, "date_created": 1_735_689_600}],
                "fan_level": "Platinum Legend"}},
        },
        {
            "about": "Names and notes in several scripts, and strings that look like HTML",
            "ids": {"id": "20", "email": "zoe@example.com", "username": "zoë",
                    "third_party_id": "Zoë/東京#7 ?x"},
            "response": {"body": {
                "id": "20", "total_points": 4321, "redeemable_points": 1234,
                "num_points_purchased": 0,
                "activities": [
                    {"name": "Inscripción al programa — ¡bienvenida, Zoë!", "num_points": 500,
                     "notes": "Ångström café, Málaga", "date_created": 1_672_531_200},
                    {"name": "購入 — 東京店", "num_points": 1200,
                     "notes": "ご来店ありがとうございます", "date_created": 1_688_169_600},
                    {"name": "شراء من المتجر", "num_points": 800,
                     "notes": "شكراً لتسوقك معنا", "date_created": 1_696_118_400},
                    {"name": "Review ✍️ 🎉", "num_points": 50, "notes": "🌟🌟🌟🌟🌟",
                     "date_created": 1_704_067_200},
                    {"name": "<img src=x onerror=alert(1)>", "num_points": 1771,
                     "notes": "<script>alert('notes')</script> & &amp; \"quotes\"",
                     "date_created": 1_711_929_600},
                    {"name": "Обмен баллов", "num_points": -3087, "notes": "Подарочная карта",
                     "date_created": 1_717_200_000}],
                "fan_level": "Superfan ⭐ 超级粉丝"}},
        },
        {
            "about": "Tolerated variations: string id and dates, ISO dates, one malformed entry",
            "ids": {"id": "23", "email": "mixed@example.com", "username": "mixed"},
            "response": {"body": {
                "id": "23", "total_points": 2000, "redeemable_points": 1500,
                "activities": [
                    {"name": "welcome bonus", "num_points": 500, "date_created": "1425404945"},
                    {"name": "app download", "num_points": 250, "notes": None,
                     "date_created": "2024-02-29T12:30:00Z"},
                    {"name": "survey", "num_points": 250, "notes": "Thanks for your feedback",
                     "date_created": "2024-03-01T09:15:00+01:00"},
                    {"name": "broken entry", "num_points": "lots", "date_created": 1_700_000_000},
                    {"name": "mystery bonus", "num_points": 1000, "date_created": None},
                    {"name": "reward redemption", "num_points": -500,
                     "date_created": 1_710_000_000, "channel": "web"}],
                "fan_level": "Rising Fan", "tier_progress": 0.4}},
        },
        {
            "about": "Answers after 3 seconds (the loading state)",
            "ids": {"id": "24", "email": "slow@example.com", "username": "slow"},
            "delay_ms": 3000,
            "response": {"body": {
                "id": 24, "total_points": 750, "redeemable_points": 700, "num_points_purchased": 0,
                "activities": [{"name": "purchase", "num_points": 750, "notes": None,
                                "date_created": 1_717_200_000}],
                "fan_level": "Patient Fan"}},
        },
        {
            "about": "Fails with 500 internal_error every other request (Retry recovers)",
            "ids": {"id": "25", "email": "flaky@example.com", "username": "flaky"},
            "fail_every_other_request": True,
            "response": {"body": {
                "id": 25, "total_points": 3300, "redeemable_points": 3000,
                "num_points_purchased": 0,
                "activities": [{"name": "purchase", "num_points": 3300, "notes": None,
                                "date_created": 1_719_792_000}],
                "fan_level": "Loyal Fan"}},
        },
        {
            "about": "Answers with malformed JSON",
            "ids": {"id": "26", "email": "broken@example.com", "username": "broken"},
            "response": {"status": 200, "content_type": "application/json",
                         "raw_body": "{\"id\": 26, \"total_points\": 1200, \"redeemable_points\": "},
        },
        {
            "about": "A gateway in front of the API answers 502 with an HTML page",
            "ids": {"id": "27", "email": "gateway@example.com", "username": "gateway"},
            "response": {"status": 502, "content_type": "text/html; charset=utf-8",
                         "raw_body": "<html><head><title>502 Bad Gateway</title></head>"
                                     "<body><h1>502 Bad Gateway</h1></body></html>"},
        },
        {
            "about": "Throttled: 429 with Retry-After",
            "ids": {"id": "28", "email": "busy@example.com", "username": "busy"},
            "response": {"status": 429, "headers": {"Retry-After": "30"},
                         "body": {"error": "rate_limited", "message": "Too many requests."}},
        },
        {
            "about": "Never answers within the widget's 10 second limit (the timeout state)",
            "ids": {"id": "29", "email": "stalled@example.com", "username": "stalled"},
            "delay_ms": 30000,
            "response": {"body": {
                "id": 29, "total_points": 1, "redeemable_points": 1, "activities": [],
                "fan_level": "Late Fan"}},
        },
    ]
    program = {"members": members}
    out = pathlib.Path(__file__).with_name("sample-program.json")
    out.write_text(json.dumps(program, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
