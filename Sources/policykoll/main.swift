print("policykoll")
