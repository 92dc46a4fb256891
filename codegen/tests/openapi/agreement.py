"""The OpenAPI document's record schemas against the real backend's verdicts.

Reads the document and a JSON Lines file of records the backend judged (as
the real-backend test `validation` writes it), validates each record whose
verdict JSON Schema can express against its type's schema in
`components.schemas` with `jsonschema`'s Draft 2020-12 validator, prints the
agreement and every disagreement, and prints `agreement: N/M` last.

Each record is validated as the backend validates it: after what
`JSONModel.from_hash` does first, which JSON Schema cannot say (the document
says so): the properties the schemas mark `readOnly` dropped (OpenAPI's
`readOnly` says a request does not send them), then empty values (`null`,
`""`, `{}`, innermost first). The agreement without that step is printed
too, as `raw agreement`.

Usage: python agreement.py DOCUMENT VERDICTS
"""

import json
import sys

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DOCUMENT_URI = "urn:archivesspace-openapi"


def resolve(document, schema):
    """The schema a local `$ref` names, followed to the end."""
    seen = 0
    while isinstance(schema, dict) and "$ref" in schema and seen < 32:
        pointer = schema["$ref"].split("#", 1)[1]
        target = document
        for part in pointer.strip("/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        extra = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**target, **extra}
        seen += 1
    return schema


def drop_read_only(document, schema, value):
    """The value without the properties its schema marks readOnly."""
    schema = resolve(document, schema)
    if not isinstance(schema, dict):
        return value
    if isinstance(value, dict):
        members = schema.get("anyOf")
        if members is not None:
            # The member the backend picks: the record its jsonmodel_type
            # names, or the only object member.
            objects = [resolve(document, m) for m in members]
            objects = [m for m in objects if m.get("type") == "object"]
            named = [
                m for m in objects
                if m.get("properties", {}).get("jsonmodel_type", {}).get("const")
                == value.get("jsonmodel_type")
            ]
            chosen = named or (objects if len(objects) == 1 else [])
            return drop_read_only(document, chosen[0], value) if chosen else value
        properties = schema.get("properties", {})
        out = {}
        for key, child in value.items():
            if key in properties:
                child_schema = resolve(document, properties[key])
                if child_schema.get("readOnly"):
                    continue
                out[key] = drop_read_only(document, child_schema, child)
            else:
                out[key] = child
        return out
    if isinstance(value, list) and "items" in schema:
        return [drop_read_only(document, schema["items"], v) for v in value]
    return value


def drop_empty(value):
    """`drop_empty_elements`: null, "" and {} go, innermost first."""
    if isinstance(value, dict):
        value = {k: drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in value.items() if v not in (None, "", {})}
    if isinstance(value, list):
        value = [drop_empty(v) for v in value]
        return [v for v in value if v not in (None, "", {})]
    return value


def main(document_path, verdicts_path):
    with open(document_path, encoding="utf-8") as f:
        document = json.load(f)
    registry = Registry().with_resource(
        DOCUMENT_URI, Resource.from_contents(document, default_specification=DRAFT202012)
    )
    validators = {}

    def validator(record_type):
        if record_type not in validators:
            schema = {"$ref": f"{DOCUMENT_URI}#/components/schemas/{record_type}"}
            validators[record_type] = Draft202012Validator(schema, registry=registry)
        return validators[record_type]

    agreed = counted = excluded = raw_agreed = 0
    disagreements = []
    with open(verdicts_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            verdict = json.loads(line)
            if not verdict["expressible"]:
                excluded += 1
                continue
            if verdict["record_type"] not in document["components"]["schemas"]:
                raise SystemExit(f"no schema for {verdict['record_type']}: {verdict['what']}")
            record_schema = document["components"]["schemas"][verdict["record_type"]]
            checked = validator(verdict["record_type"])
            cleaned = drop_empty(drop_read_only(document, record_schema, verdict["record"]))
            errors = list(checked.iter_errors(cleaned))
            counted += 1
            if checked.is_valid(verdict["record"]) == verdict["accepted"]:
                raw_agreed += 1
            if (not errors) == verdict["accepted"]:
                agreed += 1
            else:
                said = "accepted" if verdict["accepted"] else "refused"
                found = "; ".join(
                    f"{'/'.join(map(str, e.absolute_path))}: {e.message[:160]}" for e in errors[:3]
                ) or "nothing"
                disagreements.append(f"{verdict['what']}\n    backend: {said}; JSON Schema: {found}")
    for d in disagreements:
        print(f"disagreement: {d}")
    print(f"excluded (not expressible in JSON Schema): {excluded}")
    print(f"raw agreement (records as sent): {raw_agreed}/{counted}")
    print(f"agreement: {agreed}/{counted}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
