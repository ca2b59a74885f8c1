"""Citizens' voice: feedback, complaint, denunciation and reception registers, confidentiality, ratings."""
