"""The Claims tab of the side panel (``panel.ClaimsPanel``) and its parts.

``panel``    the widget: its lists, the claims shown, the selection (what the window calls)
``rows``     what each row of the claims list says (texts, colours, tooltips, headings)
``filters``  the topic and minimum-score filters: entries, counts, layout
``listing``  the claims list made again for the claims and the filters
``update``   the claims list changed in place for a verdict (and when it is not)
``detail``   the chosen claim's detail view and the verdict buttons
``count``    the count line under it, one line in the longest wording that fits
``models``   the list models (``ClaimsModel``, ``OnlyInModel``) and their delegates
``tree``     the claims list's view (``_ClaimTree``)
``text``     Qt-free texts: ``shorten``, the word diff as HTML (``diff_html``)
``colors``   a topic heading's tint, a topic's colour square
"""
