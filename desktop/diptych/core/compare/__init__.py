"""Two articles → what they share: the pair, topics, claims, the alignment map, terms, word vectors."""
