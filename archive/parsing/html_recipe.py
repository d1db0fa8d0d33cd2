"""A recipe page's card, as the page itself declares it. Pure Python (no Django).

On a recipe page the article is the recipe, and the page says so in schema.org ``Recipe``
data (JSON-LD, or microdata ``itemtype=".../Recipe"``). Extractors keep the card's ingredients
and steps, which read as lists and prose, but drop its summary (often a reworded copy of the
introduction) and its nutrition label (a run of "Calories: 291kcal" figures, not prose). Both
are taken back here when the page shows them: a visible block that *is* the declared
``description``, or that shows most of the declared ``nutrition`` values. Found by the page's
data, never by its words; anything else in the card (ratings, timings, print and share buttons,
calls to action) is not declared as either and stays out.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator, Sequence

from .html_blocks import Block

_LD_JSON = re.compile(
    r"<script[^>]*application/ld\+json[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_MIN_DESCRIPTION = 40  # characters, once spaces are removed: shorter is a title, not a summary
_DESCRIPTION_SLACK = 1.2  # a block holding the summary and little else ("Summary: ...")
_MIN_NUTRIENTS = 3  # a block showing at least this many declared values, and most of them
_NUTRIENT_SHARE = 0.5
_CHARS_PER_NUTRIENT = 40  # longer blocks hold more than the label (a whole card, a page)

__all__ = ["recipe_blocks"]


def _key(text: str) -> str:
    return "".join(html_lib.unescape(text).split()).casefold()


def recipe_blocks(page_text: str, root, blocks: Sequence[Block], extracted_text: str) -> list[int]:
    """Indexes of ``blocks`` showing a declared recipe's summary or nutrition label that are
    not already word for word in the extractor's text (``extracted_text``: its lines with
    spaces removed and case-folded)."""
    if "Recipe" not in page_text:
        return []
    descriptions: list[str] = []
    nutrients: list[list[str]] = []
    for recipe in [*_ld_recipes(page_text), *_microdata_recipes(root)]:
        description = recipe.get("description")
        description = _key(description) if isinstance(description, str) else ""
        if len(description) >= _MIN_DESCRIPTION and description not in extracted_text:
            descriptions.append(description)
        nutrition = recipe.get("nutrition")
        values = [_key(str(value)) for name, value in (
                      nutrition.items() if isinstance(nutrition, dict) else ())
                  if isinstance(name, str) and isinstance(value, str | int | float)
                  and not name.startswith("@") and name != "servingSize"]
        if len([value for value in values if value]) >= _MIN_NUTRIENTS:
            nutrients.append([value for value in values if value])
    if not descriptions and not nutrients:
        return []
    found = []
    for index, block in enumerate(blocks):
        key = _key(block.text)
        if key in extracted_text:
            continue
        if any(description in key and len(key) <= _DESCRIPTION_SLACK * len(description)
               for description in descriptions) or any(
                _shows_label(key, values) for values in nutrients):
            found.append(index)
    return found


def _shows_label(key: str, values: Sequence[str]) -> bool:
    shown = sum(value in key for value in values)
    return (shown >= _MIN_NUTRIENTS and shown >= _NUTRIENT_SHARE * len(values)
            and len(key) <= _CHARS_PER_NUTRIENT * len(values))


def _ld_recipes(page_text: str) -> Iterator[dict]:
    for match in _LD_JSON.finditer(page_text):
        try:
            data = json.loads(match.group(1))
        except ValueError:
            continue
        yield from _recipes_in(data)


def _recipes_in(data) -> Iterator[dict]:
    if isinstance(data, dict):
        kind = data.get("@type")
        if kind == "Recipe" or (isinstance(kind, list) and "Recipe" in kind):
            yield data
        for value in data.values():
            if isinstance(value, dict | list):
                yield from _recipes_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from _recipes_in(value)


def _microdata_recipes(root) -> Iterator[dict]:
    """Each microdata Recipe as the two fields read here: its description's text, and its
    nutrition's values by property."""
    if root is None:
        return
    for recipe in root.xpath("//*[contains(@itemtype, 'schema.org/Recipe')]"):
        found: dict = {}
        for element in recipe.iterdescendants():
            prop = element.get("itemprop") if isinstance(element.tag, str) else None
            if prop == "description" and "description" not in found:
                found["description"] = element.get("content") or element.text_content()
            elif prop == "nutrition":
                found["nutrition"] = {
                    child.get("itemprop"): child.get("content") or child.text_content()
                    for child in element.iterdescendants()
                    if isinstance(child.tag, str) and child.get("itemprop")}
        yield found
