"""Extraction stages. Each reads the Doc and earlier stages' records, and adds its own.

- ``actors.find_actors(doc, article=...) -> ActorSet``
- ``quotes.find_quotes(doc, actors) -> list[Quote]``
- ``events.find_events(doc, article=..., actors=..., quotes=...) -> list[Event]``
"""
