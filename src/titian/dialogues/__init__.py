"""Policy dialogues between justice officials and victim support agencies, and their commitments."""
