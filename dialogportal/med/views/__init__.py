"""The MED pages: a committee's people send items and hearings down the tree and answer what
comes to them; the MED secretariat follows everything in the overview."""
