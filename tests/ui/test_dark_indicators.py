"""In the dark theme an unticked check box or radio button can be seen (tryout: "Group by
topic" and the export dialog's "Parallel" were barely visible: Fusion outlines them a shade
darker than the window, on a window that is nearly black)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QStyle, QStyleOptionButton

from diptych.ui.theme import DARK, LIGHT, apply_theme


def _indicator_contrast(widget, element) -> float:
    """The largest lightness step between the indicator's pixels and the window colour."""
    widget.resize(widget.sizeHint())
    img = QImage(widget.size(), QImage.Format.Format_ARGB32)
    img.fill(widget.palette().window().color())
    widget.render(img)
    opt = QStyleOptionButton()
    opt.initFrom(widget)
    rect = widget.style().subElementRect(element, opt, widget)
    window = widget.palette().window().color().lightnessF()
    steps = [
        abs(QColor(img.pixel(x, y)).lightnessF() - window)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    ]
    return max(steps)


def test_unticked_boxes_and_radio_buttons_show_in_the_dark_theme(qtbot) -> None:
    app = QApplication.instance()
    try:
        apply_theme(app, DARK)
        box, radio = QCheckBox("Group by topic"), QRadioButton("Parallel")
        qtbot.addWidget(box)
        qtbot.addWidget(radio)
        assert _indicator_contrast(box, QStyle.SubElement.SE_CheckBoxIndicator) >= 0.25
        assert _indicator_contrast(radio, QStyle.SubElement.SE_RadioButtonIndicator) >= 0.25
    finally:
        apply_theme(app, LIGHT)
