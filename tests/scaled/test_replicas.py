"""The scaled profile for real: two Rasa server replicas and one action server, sharing a PostgreSQL
tracker store and records database and a Redis lock store, with one conversation's messages sent
alternately to both replicas — alone and with several conversations at once."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import aio_pika
import pytest
import redis
import yaml
from sqlalchemy import create_engine, text

from bot import flags
from bot.store import Store
from stores.endpoints import endpoints
from tests.databases import database_url_for, temporary_database
from tests.servers import Process, Stack, free_port, rest_id

ANSWERS = [
    ("Clinica Replica", "which city and country"),
    ("Cancún, Mexico", "What condition"),
    ("knee arthritis", "cédula profesional"),
    ("Dr. Vega, cédula 7654321", "Licencia Sanitaria"),
    ("No", "treatment protocol"),
    ("I don't know", "advertising notice"),
]


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    with temporary_database("stemsafe_scaled") as name:
        yield name


@pytest.fixture(scope="module")
def replicas(tmp_path_factory: pytest.TempPathFactory, database: str) -> Iterator[tuple[Stack, list[str]]]:
    prefix = f"stemsafe{uuid.uuid4().hex[:8]}"
    env = {
        "RABBITMQ_HOST": "127.0.0.1",
        "RABBITMQ_USER": "guest",
        "RABBITMQ_PASSWORD": "guest",
        "RABBITMQ_QUEUE": f"{prefix}_events",
        "STEMSAFE_PROFILE": "scaled",
        "STEMSAFE_LOCAL_SERVICES": "1",  # the machine's own services, with their default credentials
        "TRACKER_DB_HOST": "127.0.0.1",
        "TRACKER_DB_PORT": "5432",
        "TRACKER_DB_NAME": database,
        "TRACKER_DB_USER": "postgres",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": "6379",
        "REDIS_DB": "0",
        "LOCK_KEY_PREFIX": prefix,
        "DATABASE_URL": database_url_for(database),
        "SQL_POOL_SIZE": "5",
        "SQL_MAX_OVERFLOW": "5",
    }
    stack = Stack(tmp_path_factory.mktemp("scaled"), extra_env=dict(env))
    config = endpoints(env)
    del config["action_endpoint"]
    stack.extra_env["TEST_TRACKER_STORE"] = yaml.safe_dump(config, sort_keys=False)
    stack.start_actions()
    ports = [free_port(), free_port()]
    procs: list[Process] = []
    try:
        for i, port in enumerate(ports):
            procs.append(stack.rasa_process(port, f"rasa-{i}.log").start(timeout=300))
        yield stack, [f"http://127.0.0.1:{p}" for p in ports]
    finally:
        for proc in procs:
            proc.stop()
        stack.stop()
        redis.Redis().delete(*(redis.Redis().keys(f"{prefix}*") or [b"none"]))
        asyncio.run(drain_queue(f"{prefix}_events", delete=True))


def converse(stack: Stack, urls: list[str], user: str) -> None:
    turn = 0

    def say(message: str) -> str:
        nonlocal turn
        url = urls[turn % len(urls)]
        turn += 1
        return "\n".join(r.get("text", "") for r in stack.say(user, message, url))

    assert "name of the clinic" in say("I want to check a clinic")
    for answer, expected in ANSWERS:
        reply = say(answer)
        assert expected in reply, (user, answer, reply)


def user_texts(database: str, user: str) -> list[str]:
    engine = create_engine(database_url_for(database), future=True)
    with engine.connect() as conn:
        rows = conn.execute(
            text("select data from events where sender_id = :u and type_name = 'user' order by id"), {"u": user}
        ).scalars()
        found = [json.loads(r)["text"] for r in rows]
    engine.dispose()
    return found


async def drain_queue(queue_name: str, delete: bool = False) -> list[dict]:
    """Every event waiting in the analytics queue (RabbitMQ on this machine)."""
    connection = await aio_pika.connect_robust("amqp://guest:guest@127.0.0.1/")
    events = []
    async with connection:
        channel = await connection.channel()
        queue = await channel.declare_queue(queue_name, durable=True)
        while (message := await queue.get(no_ack=True, fail=False)) is not None:
            events.append(json.loads(message.body))
        if delete:
            await queue.delete(if_unused=False, if_empty=False)
    return events


def check_whole(stack: Stack, database: str, user: str) -> None:
    assert user_texts(database, rest_id(user)) == ["I want to check a clinic"] + [a for a, _ in ANSWERS]
    record = Store.from_url(stack.env["DATABASE_URL"], flag_rules=flags.evaluate).current(rest_id(user))
    assert [
        record.answers[q][0]
        for q in ("clinic_name", "location", "condition", "physician", "facility_licence", "protocol_authorised")
    ] == [a for a, _ in ANSWERS]
    assert record.country == "mexico"
    assert "facility_licence_missing" in {f.code for f in record.flags}


def test_one_conversation_alternating_between_replicas(replicas: tuple[Stack, list[str]], database: str) -> None:
    stack, urls = replicas
    user = f"alt-{uuid.uuid4().hex}"
    converse(stack, urls, user)
    check_whole(stack, database, user)
    # Both replicas published the conversation to the analytics broker.
    queue = stack.extra_env["RABBITMQ_QUEUE"]
    deadline = time.monotonic() + 20
    published: list[dict] = []
    while time.monotonic() < deadline and len([e for e in published if e.get("event") == "user"]) < len(ANSWERS) + 1:
        published += [e for e in asyncio.run(drain_queue(queue)) if e.get("sender_id") == rest_id(user)]
        time.sleep(0.5)
    assert [e["text"] for e in published if e.get("event") == "user"] == ["I want to check a clinic"] + [
        a for a, _ in ANSWERS
    ]


def test_several_conversations_at_once(replicas: tuple[Stack, list[str]], database: str) -> None:
    stack, urls = replicas
    users = [f"many-{i}-{uuid.uuid4().hex[:8]}" for i in range(6)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda u: converse(stack, urls if hash(u) % 2 else urls[::-1], u), users))
    for user in users:
        check_whole(stack, database, user)
