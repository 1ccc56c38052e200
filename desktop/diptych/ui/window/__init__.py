"""The parts the main window (``diptych.ui.main_window``) is assembled from.

``pair_session``        the pair on the desk: opening (in the background), restoring, swapping
``highlights_session``  the highlights store and controller; the backup offer after damage
``actions``             every action, menu and toolbar entry, from one table
``status``              the status bar's message, notice, busy bar, counts, restore button
``dialogs``             the small dialogs (files, encoding, About, warnings)
"""
