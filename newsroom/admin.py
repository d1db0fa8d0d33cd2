"""Stories and entities in the admin (issue 6): editors split a story, move articles between
stories, and merge, rename and alias entities. Every change goes through the services in
``newsroom.services``, whose decisions re-extraction keeps."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Count

from config.admin_actions import action_data, action_page, ask_first
from newsroom import services, surnames
from newsroom.models import Entity, EntityAlias, Story, StoryMembership

# --- stories -----------------------------------------------------------------------------------


class StoryMembershipInline(admin.TabularInline):
    model = StoryMembership
    fields = ["article", "pinned"]
    readonly_fields = ["article", "pinned"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # move articles in from the story-membership list instead


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "size", "lead", "title_locked", "updated_at"]
    list_filter = ["title_locked"]
    search_fields = ["title"]
    date_hierarchy = "created_at"
    fields = ["title", "lead", "size", "title_locked", "members_link"]
    readonly_fields = ["lead", "size", "title_locked", "members_link"]
    inlines = [StoryMembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lead")

    @admin.display(description="split or move")
    def members_link(self, story):
        from django.urls import reverse
        from django.utils.html import format_html

        url = reverse("admin:newsroom_storymembership_changelist") + f"?story__id__exact={story.pk}"
        return format_html('<a href="{}">Select this story’s articles to split or move</a>', url)

    def save_model(self, request, obj, form, change):
        if change and "title" in form.changed_data:
            obj.title_locked = True  # re-clustering keeps an editor's title
        super().save_model(request, obj, form, change)


class MoveForm(forms.Form):
    story = forms.ModelChoiceField(
        queryset=Story.objects.all(),
        widget=forms.NumberInput,
        label="Move to story number",
        help_text="The number of the story to move the selected articles into (see its admin "
        "page or its public permalink /stories/<number>/).",
    )


@admin.register(StoryMembership)
class StoryMembershipAdmin(admin.ModelAdmin):
    list_display = ["article", "story", "pinned"]
    list_filter = ["pinned"]
    search_fields = ["article__title", "story__title"]
    raw_id_fields = ["article", "story"]
    readonly_fields = ["article", "story", "pinned"]
    actions = ["split_off", "move_to_story"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "story")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description="Split the selected articles off into a new story", permissions=["change"]
    )
    def split_off(self, request, queryset):
        stories = set(queryset.values_list("story_id", flat=True))
        if len(stories) != 1:
            self.message_user(
                request, "Select articles of one story to split it.", level=messages.ERROR
            )
            return None
        story = Story.objects.get(pk=stories.pop())
        try:
            new = services.split_story(story=story, articles=[m.article for m in queryset])
        except ValueError as error:
            self.message_user(request, str(error), level=messages.ERROR)
            return None
        self.message_user(request, f"Split off into story {new.pk}: “{new.title}”.")
        return None

    @admin.action(
        description="Move the selected articles to another story…", permissions=["change"]
    )
    def move_to_story(self, request, queryset):
        def apply(data):
            target = data["story"]
            for membership in queryset:
                services.move_article_to_story(article=membership.article, story=target)
            self.message_user(request, f"Moved {queryset.count()} article(s) to story {target.pk}.")

        form = MoveForm(action_data(request))
        return ask_first(form, then=apply, page=lambda: action_page(
            self, request, "admin/newsroom/move_articles.html", form=form,
            title="Move articles to another story", action="move_to_story", selected=queryset,
        ))


# --- entities ----------------------------------------------------------------------------------


class AliasInlineForm(forms.ModelForm):
    class Meta:
        model = EntityAlias
        fields = ["name", "by_editor"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("An alias cannot be empty.")
        entity = self.instance.entity if self.instance.entity_id else None
        kind = entity.kind if entity else (self.parent_kind or "")
        clash = EntityAlias.objects.filter(kind=kind, name=name).exclude(pk=self.instance.pk)
        if clash.exists():
            other = clash.first().entity
            raise forms.ValidationError(f"“{name}” is already an alias of {other}.")
        return name


class EntityAliasInline(admin.TabularInline):
    model = EntityAlias
    form = AliasInlineForm
    fields = ["name", "by_editor"]
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.parent_kind = obj.kind if obj else ""
        return formset


class EntityForm(forms.ModelForm):
    class Meta:
        model = Entity
        fields = ["name", "kind", "merged_into"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("A name cannot be empty.")
        kind = self.data.get("kind") or self.instance.kind
        clash = Entity.objects.filter(kind=kind, name=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                f"Another {kind} is already called “{name}”: merge the two instead "
                "(select both in the list, then “Merge the selected entities…”)."
            )
        return name


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Entity.objects.none(),
        widget=forms.RadioSelect,
        label="Keep",
        help_text="The entity that survives; the others' mentions, quotes and names move to it.",
    )

    def __init__(self, *args, entities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = entities


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    form = EntityForm
    list_display = ["name", "kind", "mention_count", "merged_into"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name"]
    readonly_fields = ["merged_into"]
    fields = ["name", "kind", "merged_into"]
    inlines = [EntityAliasInline]
    actions = ["merge_entities", "split_surnames"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("merged_into")
            .annotate(num_mentions=Count("mentions"))
        )

    def get_readonly_fields(self, request, obj=None):
        return ["kind", "merged_into"] if obj else ["merged_into"]

    @admin.display(description="mentions", ordering="num_mentions")
    def mention_count(self, entity):
        return entity.num_mentions

    def save_model(self, request, obj, form, change):
        if change and "name" in form.changed_data:
            new_name = obj.name
            obj.name = form.initial["name"]
            services.rename_entity(entity=obj, name=new_name)  # the old name stays an alias
            return
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for alias_form in formset.forms:
            if alias_form.has_changed() and not alias_form.cleaned_data.get("DELETE"):
                alias_form.instance.kind = form.instance.kind
                alias_form.instance.by_editor = True
        super().save_formset(request, form, formset, change)

    @admin.action(description="Split off again (a name joined to another)", permissions=["change"])
    def split_surnames(self, request, queryset):
        """Undo automatic or editors' joins: each selected entity stands alone again, and
        extraction keeps it apart from then on (``surnames.split_surname``)."""
        joined = list(queryset.filter(merged_into__isnull=False))
        if not joined:
            self.message_user(
                request, "Select entities joined to another (their “merged into” is set).",
                messages.ERROR,
            )
            return
        for entity in joined:
            surnames.split_surname(entity=entity)
        names = ", ".join(f"“{entity.name}”" for entity in joined)
        self.message_user(request, f"Split off {names}: each is its own entity again.")

    @admin.action(description="Merge the selected entities…", permissions=["change"])
    def merge_entities(self, request, queryset):
        entities = queryset.filter(merged_into__isnull=True)
        if entities.count() < 2:
            self.message_user(request, "Select at least two entities to merge.", messages.ERROR)
            return None

        def apply(data):
            target = data["target"]
            sources = list(entities.exclude(pk=target.pk))
            for source in sources:
                services.merge_entities(source=source, target=target)
            self.message_user(request, f"Merged {len(sources)} into “{target}”.")

        form = MergeForm(action_data(request), entities=entities)
        return ask_first(form, then=apply, page=lambda: action_page(
            self, request, "admin/newsroom/merge_entities.html", form=form,
            title="Merge entities", action="merge_entities", selected=entities,
        ))
