"""Saved recipe pages: the recipe card's summary and nutrition label, declared in the page's
schema.org Recipe data (``archive/parsing/html_recipe.py``), are kept when the extractor drops
them; the card's other parts (ratings, timings, buttons, calls to action) stay out. Through
``parse_html_page``; the card is a small excerpt of flawlessfood.co.uk's (WP Recipe Maker)."""

import json

import pytest

from archive.parsing import parse_html_page

INTRO = ("Oven-baked Italian Olive & Herb Focaccia Bread filled with fantastic flavours of olive "
         "oil, garlic, sundried tomato, olives and herbs. Great as a side with pasta recipes to "
         "soak up the juices. Equally great, served as a starter and make up some extra oil for "
         "dipping the focaccia bread into.")
SUMMARY = ("Oven-baked Italian Olive & Herb Focaccia Bread filled with fantastic flavours of olive "
           "oil, garlic, sundried tomato, olives and herbs. Great as a side with pasta recipes to "
           "soak up the juices. Alternatively, serve as a starter and make up extra oil mixture "
           "for dipping the focaccia bread into.")
STEPS = ("Mix together yeast, honey and warm water whisk together to combine, leave for 5 minutes "
         "to let the yeast activate.",
         "Add half the flour and 4 tbsp of the flavoured oil to the bread yeast mixture. Stir "
         "through and leave aside for another 5 minutes.",
         "Add the remaining flour and the salt, stir it all together. The dough should be fairly "
         "wet and sticky at this point, keep stirring until it forms a sticky ball.")
NUTRIENTS = (("Calories", "291", "kcal", "calories"), ("Carbohydrates", "31", "g",
             "carbohydrateContent"), ("Protein", "5", "g", "proteinContent"),
             ("Fat", "17", "g", "fatContent"))
CARD_FURNITURE = ("5 from 13 votes", "Print Recipe", "Course Sharing, Side Dish",
                  "Tried this recipe?")


def ld_json() -> str:
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "headline": "Olive & Herb Focaccia Bread"},
        {"@type": "Recipe", "name": "Olive & Herb Focaccia Bread",
         "description": SUMMARY.replace("&", "&amp;"),
         "recipeIngredient": ["300 grams Plain Flour", "2 tsp Dried yeast"],
         "nutrition": {"@type": "NutritionInformation", "servingSize": "1 serving",
                       **{prop: f"{value} {unit}" for _, value, unit, prop in NUTRIENTS}}}]}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def card(*, microdata: bool) -> str:
    scope = ' itemscope itemtype="https://schema.org/Recipe"' if microdata else ""
    summary_prop = ' itemprop="description"' if microdata else ""
    nutrition_prop = (' itemprop="nutrition" itemscope '
                      'itemtype="https://schema.org/NutritionInformation"' if microdata else "")
    label = "".join(
        '<span class="wprm-nutrition-label-text-nutrition-container">'
        f'<span class="wprm-nutrition-label-text-nutrition-label">{name}: </span>'
        f'<span class="wprm-nutrition-label-text-nutrition-value"'
        f'{f" itemprop={prop!r}" if microdata else ""}>{value}</span>'
        f'<span class="wprm-nutrition-label-text-nutrition-unit">{unit}</span></span>'
        for name, value, unit, prop in NUTRIENTS)
    return (
        f'<div class="wprm-recipe wprm-recipe-template-flawless"{scope}>'
        '<h2 class="wprm-recipe-name">Olive &amp; Herb Focaccia Bread</h2>'
        '<div class="wprm-recipe-rating-details">5 from 13 votes</div>'
        '<div class="wprm-template-chic-buttons"><a href="/print">Print Recipe</a> '
        '<a href="/pin">Pin Recipe</a></div>'
        f'<div class="wprm-recipe-summary"{summary_prop}><span>{SUMMARY.replace("&", "&amp;")}'
        '</span></div>'
        '<div class="wprm-recipe-block-container"><span>Course</span> '
        '<span>Sharing, Side Dish</span></div>'
        '<h3>Ingredients</h3><ul><li>300 grams Plain Flour</li><li>2 tsp Dried yeast</li></ul>'
        '<h3>Instructions</h3><ul>' + "".join(f"<li>{step}</li>" for step in STEPS) + '</ul>'
        f'<h3>Nutrition</h3><div class="wprm-nutrition-label-container"{nutrition_prop}>{label}'
        '</div><div class="wprm-call-to-action"><span>Tried this recipe?</span> '
        '<span>Mention @flawlessfooduk or tag #flawlessfood!</span></div></div>')


def recipe_page(*, data: str, microdata: bool = False) -> bytes:
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>Focaccia</title>'
        f'{data}</head><body><nav><a href="/">Home</a> <a href="/recipes">Recipes</a></nav>'
        '<article class="post type-post"><h1>Olive &amp; Herb Focaccia Bread</h1>'
        f'<div class="entry-content"><p>{INTRO.replace("&", "&amp;")}</p>'
        + "".join(f"<p>{step}</p>" for step in STEPS) + card(microdata=microdata)
        + '</div></article><footer><p>Copyright Flawless Food</p></footer></body></html>'
    ).encode()


@pytest.fixture
def extractor_keeps_prose_and_lists(extractor_picks):
    # What trafilatura kept of the real card: the introduction, the steps, the ingredients and
    # instructions; not the summary nor the nutrition label (on a page this small it keeps more,
    # so its answer is given).
    text = "\n".join([INTRO, *STEPS, "Ingredients", "- 300 grams Plain Flour",
                      "- 2 tsp Dried yeast", "Instructions", *(f"- {step}" for step in STEPS),
                      "Nutrition"])
    extractor_picks(text)


@pytest.mark.parametrize("kind", ["json-ld", "microdata"])
def test_a_recipe_cards_declared_summary_and_nutrition_label_are_kept(
        extractor_keeps_prose_and_lists, kind):
    raw = (recipe_page(data=ld_json()) if kind == "json-ld"
           else recipe_page(data="", microdata=True))
    body = parse_html_page(raw).body
    assert SUMMARY in body
    assert "Carbohydrates: 31g" in body
    # In the page's order: the summary before the steps, the label after them.
    assert body.index(SUMMARY) < body.index("- " + STEPS[0]) < body.index("Carbohydrates")
    for text in CARD_FURNITURE:
        assert text not in body


def test_without_recipe_data_the_card_is_left_as_the_extractor_left_it(
        extractor_keeps_prose_and_lists):
    body = parse_html_page(recipe_page(data="")).body
    assert SUMMARY not in body
    assert "Carbohydrates" not in body


def test_a_summary_the_extractor_kept_word_for_word_is_not_repeated(extractor_picks):
    text = "\n".join([SUMMARY, *STEPS])
    extractor_picks(text)
    body = parse_html_page(recipe_page(data=ld_json())).body
    assert body.count(SUMMARY) == 1


def test_recipe_data_of_unexpected_shapes_is_ignored(extractor_keeps_prose_and_lists):
    # Pages in the wild put lists where a text is expected, or a list of nutrition facts.
    data = {"@type": "Recipe", "description": [SUMMARY], "nutrition": [{"calories": "291 kcal"}]}
    raw = recipe_page(data=f'<script type="application/ld+json">{json.dumps(data)}</script>'
                           '<script type="application/ld+json">{not json</script>')
    body = parse_html_page(raw).body
    assert body.startswith(INTRO)
    assert "Carbohydrates" not in body
