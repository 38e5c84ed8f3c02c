"""RCTab contest configurations (RCTab 2.0's ``*_config.json``).

``config`` reads the document; ``keys`` holds the settings RCTab knows, ``rules`` turns them into
counting rules, ``sources`` reads the cast vote record sources it names, ``values`` its typed values.
"""
